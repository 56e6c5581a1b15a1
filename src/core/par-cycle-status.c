/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cycle-status"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-cycle-private.h"
#include "par-decimal.h"
#include "par-error.h"

/*
 * The cycle read back: what a submission still lacks, where each unit
 * stands (the submissions board, `status`), each leaf as reviewed (the
 * unit's reviewed-criterion view and its "needs my answer" filter), and
 * what changed between rounds on either side.
 */

/**
 * par_workspace_check_submission:
 * @self: a #ParWorkspace, the unit's own
 * @year: the year
 * @unit_code: the unit's code
 * @error: return location for a #GError
 *
 * What "Send for appraisal…" shows first: the leaves without a self entry
 * (survey leaves aside: the office scores them), and those whose set names
 * the evidence expected that have a self entry but neither a document nor
 * an explanation. Sending is not refused for them.
 *
 * Returns: (transfer full) (nullable): the check
 */
ParSubmissionCheck *
par_workspace_check_submission (ParWorkspace  *self,
                                int            year,
                                const char    *unit_code,
                                GError       **error)
{
  g_autoptr(ParSubmissionCheck) check = g_new0 (ParSubmissionCheck, 1);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autofree gboolean *scored = NULL;
  const ParPackageRow *last_return;
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!_par_cycle_lookup_unit (self, year, unit_code, &unit, error) ||
      !(entries = par_workspace_list_unit_entries (self, year, unit_code, &check->set, error)) ||
      !(missing = par_workspace_list_missing_evidence (self, year, unit_code, NULL, error)) ||
      !(packages = _par_cycle_list_packages (self, year, unit.unit->id, error)))
    return NULL;

  scored = g_new0 (gboolean, check->set->leaves->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);
      if (entry->stage == PAR_STAGE_SELF && entry->state != PAR_ENTRY_EMPTY)
        scored[entry->leaf->leaf_index] = TRUE;
    }

  check->unscored = g_ptr_array_new ();
  for (guint i = 0; i < check->set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (check->set->leaves, i);
      if (!scored[i] && leaf->rule.kind != PAR_RULE_SURVEY)
        g_ptr_array_add (check->unscored, (gpointer) leaf);
    }
  check->unproven = g_ptr_array_new ();
  for (guint i = 0; i < missing->len; i++)
    {
      const ParMissingEvidence *item = &g_array_index (missing, ParMissingEvidence, i);
      if (item->leaf->evidence != NULL)
        g_ptr_array_add (check->unproven, (gpointer) item->leaf);
    }

  last_return = _par_cycle_last_package (packages, PAR_PACKAGE_RETURN, FALSE);
  check->round = last_return != NULL ? last_return->round + 1 : 1;
  return g_steal_pointer (&check);
}

/* The first package of @kind and direction with a round of at least
 * @round: the one that met the stage. */
static const ParPackageRow *
first_package_from (GPtrArray      *rows,
                    ParPackageKind  kind,
                    gboolean        sent,
                    int             round)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const ParPackageRow *row = g_ptr_array_index (rows, i);
      if (row->kind == kind && row->sent == sent && row->round >= round)
        return row;
    }
  return NULL;
}

static ParDeadlineState
deadline_state (const char *deadline,
                const char *extension,
                const char *delivered_at,
                const char *today)
{
  g_autofree char *day = delivered_at != NULL ? _par_cycle_local_date (delivered_at) : NULL;
  const char *moment = day != NULL ? day : today;

  if (deadline == NULL && extension == NULL)
    return PAR_DEADLINE_NONE;
  if (deadline == NULL || strcmp (moment, deadline) <= 0)
    return day != NULL ? PAR_DEADLINE_ON_TIME : PAR_DEADLINE_OPEN;
  if (extension != NULL && strcmp (moment, extension) <= 0)
    return PAR_DEADLINE_EXTENDED;
  return day != NULL ? PAR_DEADLINE_LATE : PAR_DEADLINE_OVERDUE;
}

static gboolean
count_reviews (ParWorkspace   *self,
               int             year,
               ParUnitCycle   *cycle,
               gint64          unit_id,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT (SELECT count(*) FROM score WHERE year = ?1"
                                 "         AND unit_id = ?2 AND stage = 1),"
                                 "  (SELECT count(*) FROM review WHERE year = ?1 AND unit_id = ?2"
                                 "   AND document = '' AND verdict = 'accepted'),"
                                 "  (SELECT count(*) FROM review WHERE year = ?1 AND unit_id = ?2"
                                 "   AND document = '' AND verdict = 'insufficient'),"
                                 "  (SELECT count(*) FROM review WHERE year = ?1 AND unit_id = ?2"
                                 "   AND document = '' AND verdict = 'rejected'),"
                                 "  (SELECT count(*) FROM explanation WHERE year = ?1"
                                 "   AND unit_id = ?2 AND requested = 1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error);
  cycle->n_appraised = sqlite3_column_int (stmt, 0);
  cycle->n_accepted = sqlite3_column_int (stmt, 1);
  cycle->n_insufficient = sqlite3_column_int (stmt, 2);
  cycle->n_rejected = sqlite3_column_int (stmt, 3);
  cycle->n_open_requests = sqlite3_column_int (stmt, 4);
  return TRUE;
}

static ParUnitCycle *
unit_cycle (ParWorkspace    *self,
            ParYearContext  *context,
            ParYearUnit     *unit,
            const char      *today,
            GError         **error)
{
  g_autoptr(ParUnitCycle) cycle = g_new0 (ParUnitCycle, 1);
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GError) local_error = NULL;
  ParYearBlock *block = g_ptr_array_index (context->blocks, unit->block);
  const ParPackageRow *received;
  const ParPackageRow *sent;
  const ParPackageRow *returns;
  const ParPackageRow *delivered;
  ParPackageKind incoming;
  int answered_round;

  if (!(packages = _par_cycle_list_packages (self, context->year, unit->id, error)) ||
      !count_reviews (self, context->year, cycle, unit->id, error))
    return NULL;

  cycle->unit_code = g_strdup (unit->code);
  cycle->unit_name = g_strdup (unit->name);
  cycle->block = g_strdup (block->name);
  cycle->n_leaves = block->set->leaves->len;
  cycle->unit_side = _par_cycle_last_package (packages, PAR_PACKAGE_SUBMISSION, TRUE) != NULL;
  incoming = cycle->unit_side ? PAR_PACKAGE_RETURN : PAR_PACKAGE_SUBMISSION;

  if ((received = _par_cycle_last_package (packages, incoming, FALSE)) != NULL)
    {
      cycle->received_kind = received->kind;
      cycle->received_round = received->round;
      cycle->received_at = g_strdup (received->at);
      cycle->received_sha256 = g_strdup (received->sha256);
    }
  if ((sent = _par_cycle_last_package (packages, cycle->unit_side ? PAR_PACKAGE_SUBMISSION
                                                                   : PAR_PACKAGE_RETURN,
                                       TRUE)) != NULL)
    {
      cycle->sent_round = sent->round;
      cycle->sent_at = g_strdup (sent->at);
      cycle->sent_sha256 = g_strdup (sent->sha256);
    }

  /* The stage: the self-assessment until an appraisal went back, then the
   * explanations; what met it is the first submission of the next round. */
  returns = _par_cycle_last_package (packages, PAR_PACKAGE_RETURN, !cycle->unit_side);
  answered_round = returns != NULL ? returns->round : 0;
  cycle->stage = returns != NULL ? PAR_CYCLE_STAGE_EXPLANATION : PAR_CYCLE_STAGE_SELF;
  delivered = first_package_from (packages, PAR_PACKAGE_SUBMISSION, cycle->unit_side,
                                  answered_round + 1);

  /* At the unit, requests count until the next round goes. */
  if (cycle->unit_side && delivered != NULL)
    cycle->n_open_requests = 0;

  cycle->deadline = par_workspace_get_deadline (self, context->year, cycle->stage, &local_error);
  if (local_error == NULL)
    cycle->extension = _par_cycle_get_extension (self, context->year, unit->id, cycle->stage,
                                                 &cycle->extension_reason, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  cycle->deadline_state = deadline_state (cycle->deadline, cycle->extension,
                                          delivered != NULL ? delivered->at : NULL, today);
  return g_steal_pointer (&cycle);
}

/**
 * par_workspace_list_cycle:
 * @self: a #ParWorkspace
 * @year: the year
 * @error: return location for a #GError
 *
 * Every unit of the year in the cycle: last round received and when, the
 * package's hash, what was sent back, appraised leaves, verdicts, open
 * explanation requests, the stage and its deadline state. The
 * submissions board and `status` show these.
 *
 * Returns: (transfer full) (element-type ParUnitCycle): one per unit, by code
 */
GPtrArray *
par_workspace_list_cycle (ParWorkspace  *self,
                          int            year,
                          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_unit_cycle_free);
  g_autofree char *today = _par_cycle_today ();
  ParYearContext *context;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;
  for (guint i = 0; i < context->units->len; i++)
    {
      ParUnitCycle *cycle = unit_cycle (self, context, g_ptr_array_index (context->units, i),
                                        today, error);
      if (cycle == NULL)
        return NULL;
      g_ptr_array_add (list, cycle);
    }
  return g_steal_pointer (&list);
}

/**
 * par_workspace_get_unit_cycle:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @error: return location for a #GError
 *
 * One unit's place in the cycle, as par_workspace_list_cycle() gives it
 * for every unit: the window reads it for the unit it shows.
 *
 * Returns: (transfer full) (nullable): the unit's cycle
 */
ParUnitCycle *
par_workspace_get_unit_cycle (ParWorkspace  *self,
                              int            year,
                              const char    *unit_code,
                              GError       **error)
{
  g_autofree char *today = _par_cycle_today ();
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!_par_cycle_lookup_unit (self, year, unit_code, &unit, error))
    return NULL;
  return unit_cycle (self, unit.context, unit.unit, today, error);
}

static char *
entry_value (const ParStoredEntry *entry)
{
  return entry != NULL && entry->state != PAR_ENTRY_EMPTY ? g_strdup (entry->value) : NULL;
}

/**
 * par_workspace_list_leaf_reviews:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @out_set: (out) (optional) (transfer full): the unit's criteria set
 * @error: return location for a #GError
 *
 * Every leaf of the unit as reviewed: its self entry, the appraisal value
 * and note, the verdict and comment on the criterion and on each of its
 * documents, the explanation requested and the unit's explanation, and
 * whether the unit still has to answer.
 *
 * Returns: (transfer full) (element-type ParLeafReview): one per leaf, in
 *   tree order
 */
GPtrArray *
par_workspace_list_leaf_reviews (ParWorkspace     *self,
                                 int               year,
                                 const char       *unit_code,
                                 ParCriteriaSet  **out_set,
                                 GError          **error)
{
  g_autoptr(GPtrArray) reviews =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_leaf_review_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const ParPackageRow *last_return;
  const ParPackageRow *answer = NULL;
  gboolean unit_side;
  ParCycleUnit unit;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!_par_cycle_lookup_unit (self, year, unit_code, &unit, error) ||
      !(entries = par_workspace_list_unit_entries (self, year, unit_code, &set, error)) ||
      !(counts = par_workspace_count_evidence (self, year, unit_code, error)) ||
      !(packages = _par_cycle_list_packages (self, year, unit.unit->id, error)))
    return NULL;

  unit_side = _par_cycle_last_package (packages, PAR_PACKAGE_SUBMISSION, TRUE) != NULL;
  last_return = _par_cycle_last_package (packages, PAR_PACKAGE_RETURN, !unit_side);
  if (last_return != NULL)
    answer = first_package_from (packages, PAR_PACKAGE_SUBMISSION, unit_side,
                                 last_return->round + 1);

  for (guint i = 0; i < set->leaves->len; i++)
    {
      ParLeafReview *review = g_new0 (ParLeafReview, 1);

      review->leaf = g_ptr_array_index (set->leaves, i);
      review->documents = _par_document_reviews_new ();
      review->n_documents = GPOINTER_TO_UINT (g_hash_table_lookup (counts, review->leaf->code));
      g_ptr_array_add (reviews, review);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);
      ParLeafReview *review = g_ptr_array_index (reviews, entry->leaf->leaf_index);

      if (entry->stage == PAR_STAGE_SELF)
        {
          review->self_value = entry_value (entry);
          review->self_points = entry->points;
        }
      else
        {
          review->appraisal_value = entry_value (entry);
          review->appraisal_points = entry->points;
          review->appraisal_note = g_strdup (entry->note);
        }
    }

  stmt = _par_workspace_prepare (self,
                                 "SELECT c.leaf_index, r.document, r.verdict, r.comment, r.request,"
                                 "  r.round, d.id, d.title"
                                 " FROM review r JOIN criterion c ON c.id = r.criterion_id"
                                 " LEFT JOIN document d"
                                 "  ON r.document != '' AND d.sha256 = r.document"
                                 " WHERE r.year = ? AND r.unit_id = ?"
                                 " ORDER BY c.leaf_index, r.document",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit.unit->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int leaf_index = sqlite3_column_int (stmt, 0);
      const char *document = (const char *) sqlite3_column_text (stmt, 1);
      const char *verdict = (const char *) sqlite3_column_text (stmt, 2);
      ParLeafReview *review;

      if (leaf_index < 0 || (guint) leaf_index >= reviews->len)
        continue;
      review = g_ptr_array_index (reviews, leaf_index);
      if (document[0] == '\0')
        {
          if (verdict != NULL)
            par_verdict_from_string (verdict, &review->verdict);
          review->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          review->request = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          review->round = sqlite3_column_int (stmt, 5);
        }
      else
        {
          ParDocumentReview *item = g_new0 (ParDocumentReview, 1);

          item->sha256 = g_strdup (document);
          if (verdict != NULL)
            par_verdict_from_string (verdict, &item->verdict);
          item->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          item->document_id = sqlite3_column_int64 (stmt, 6);
          item->title = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          g_ptr_array_add (review->documents, item);
          review->round = MAX (review->round, sqlite3_column_int (stmt, 5));
        }
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  for (guint i = 0; i < reviews->len; i++)
    {
      ParLeafReview *review = g_ptr_array_index (reviews, i);
      gboolean objection = review->verdict == PAR_VERDICT_INSUFFICIENT ||
                           review->verdict == PAR_VERDICT_REJECTED;

      if (!par_workspace_get_explanation (self, year, unit_code, review->leaf->code,
                                          &review->requested, &review->explanation, error))
        return NULL;
      if (!review->requested)
        g_clear_pointer (&review->request, g_free);
      for (guint d = 0; d < review->documents->len; d++)
        {
          ParDocumentReview *item = g_ptr_array_index (review->documents, d);
          objection |= item->verdict == PAR_VERDICT_INSUFFICIENT ||
                       item->verdict == PAR_VERDICT_REJECTED;
        }
      review->needs_answer = unit_side && last_return != NULL && answer == NULL &&
                             (review->requested || objection);
    }

  if (out_set != NULL)
    *out_set = g_steal_pointer (&set);
  return g_steal_pointer (&reviews);
}

/* What a package of @kind held in @round: the last sent or received of
 * that round, or — for the side that writes that kind and has not yet —
 * what it would hold now. NULL when unknown. */
static ParCycleContent *
snapshot (ParWorkspace    *self,
          ParCycleUnit    *unit,
          GPtrArray       *packages,
          ParPackageKind   kind,
          int              round,
          gboolean         author,
          GError         **error)
{
  const ParPackageRow *found = NULL;

  if (round < 1)
    return par_cycle_content_new (kind);
  for (guint i = 0; i < packages->len; i++)
    {
      const ParPackageRow *row = g_ptr_array_index (packages, i);
      if (row->kind == kind && row->round == round)
        found = row;
    }
  if (found != NULL)
    return par_cycle_content_parse (kind, found->content, strlen (found->content), error);
  if (author)
    {
      const ParPackageRow *last = NULL;

      for (guint i = 0; i < packages->len; i++)
        {
          const ParPackageRow *row = g_ptr_array_index (packages, i);
          if (row->kind == kind && (last == NULL || row->round > last->round))
            last = row;
        }
      if (last == NULL || last->round == round - 1)
        return _par_cycle_build_content (self, unit, kind, NULL, error);
    }
  return NULL;
}

static void
add_change (GPtrArray           *changes,
            const ParCriterion  *leaf,
            ParRoundSide         side,
            ParRoundChangeKind   kind,
            const char          *old_text,
            const char          *new_text,
            const char          *document)
{
  ParRoundChange *change;

  if (g_strcmp0 (old_text, new_text) == 0 && kind != PAR_ROUND_CHANGE_EVIDENCE_ADDED &&
      kind != PAR_ROUND_CHANGE_EVIDENCE_REMOVED)
    return;
  change = g_new0 (ParRoundChange, 1);
  change->leaf = leaf;
  change->side = side;
  change->kind = kind;
  change->old_text = g_strdup (old_text);
  change->new_text = g_strdup (new_text);
  change->document = g_strdup (document);
  g_ptr_array_add (changes, change);
}

/* The first of @items whose criterion (the string at @criterion_offset)
 * is @code and, where @document_offset is not -1, whose document is
 * @document. */
static gconstpointer
find_item (GPtrArray  *items,
           gsize       criterion_offset,
           const char *code,
           gssize      document_offset,
           const char *document)
{
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (g_str_equal (G_STRUCT_MEMBER (const char *, item, criterion_offset), code) &&
          (document_offset == -1 ||
           g_strcmp0 (G_STRUCT_MEMBER (const char *, item, document_offset), document) == 0))
        return item;
    }
  return NULL;
}

static const ParCycleEntry *
find_entry (ParCycleContent *content,
            const char      *code)
{
  return content == NULL ? NULL
         : find_item (content->entries, G_STRUCT_OFFSET (ParCycleEntry, criterion), code, -1, NULL);
}

static const char *
find_explanation (ParCycleContent *content,
                  const char      *code)
{
  const ParCycleExplanation *explanation =
    content == NULL ? NULL : find_item (content->explanations,
                                        G_STRUCT_OFFSET (ParCycleExplanation, criterion), code,
                                        -1, NULL);

  return explanation != NULL ? explanation->text : NULL;
}

/* A review of the criterion (@document NULL) or of one of its documents. */
static const ParCycleReview *
find_review (ParCycleContent *content,
             const char      *code,
             const char      *document)
{
  return content == NULL ? NULL
         : find_item (content->reviews, G_STRUCT_OFFSET (ParCycleReview, criterion), code,
                      G_STRUCT_OFFSET (ParCycleReview, document), document);
}

static gboolean
has_link (ParCycleContent *content,
          const char      *code,
          const char      *document)
{
  return content != NULL &&
         find_item (content->links, G_STRUCT_OFFSET (ParCycleLink, criterion), code,
                    G_STRUCT_OFFSET (ParCycleLink, document), document) != NULL;
}

static const char *
verdict_text (const ParCycleReview *review)
{
  return review != NULL && review->verdict != PAR_VERDICT_NONE
         ? par_verdict_to_string (review->verdict) : NULL;
}

/* A document's review as one text, "<verdict>: <comment>". */
static char *
document_review_text (const ParCycleReview *review)
{
  if (review == NULL)
    return NULL;
  return g_strjoin (": ", verdict_text (review) != NULL ? verdict_text (review) : "",
                    review->comment, NULL);
}

/* The changes of a side's entry of @leaf: its value and its note. */
static void
compare_entries (GPtrArray          *changes,
                 const ParCriterion *leaf,
                 ParRoundSide        side,
                 ParCycleContent    *before,
                 ParCycleContent    *after)
{
  const ParCycleEntry *old_entry = find_entry (before, leaf->code);
  const ParCycleEntry *new_entry = find_entry (after, leaf->code);

  add_change (changes, leaf, side, PAR_ROUND_CHANGE_VALUE,
              old_entry != NULL ? old_entry->value : NULL,
              new_entry != NULL ? new_entry->value : NULL, NULL);
  add_change (changes, leaf, side, PAR_ROUND_CHANGE_NOTE,
              old_entry != NULL ? old_entry->note : NULL,
              new_entry != NULL ? new_entry->note : NULL, NULL);
}

static void
compare_unit (GPtrArray          *changes,
              const ParCriterion *leaf,
              ParCycleContent    *before,
              ParCycleContent    *after)
{
  compare_entries (changes, leaf, PAR_ROUND_SIDE_UNIT, before, after);
  add_change (changes, leaf, PAR_ROUND_SIDE_UNIT, PAR_ROUND_CHANGE_EXPLANATION,
              find_explanation (before, leaf->code), find_explanation (after, leaf->code), NULL);

  /* Documents linked after and not before were added, then the other way
   * round, removed. */
  for (guint pass = 0; pass < 2; pass++)
    {
      ParCycleContent *content = pass == 0 ? after : before;
      ParCycleContent *other = pass == 0 ? before : after;

      for (guint i = 0; i < content->links->len; i++)
        {
          const ParCycleLink *link = g_ptr_array_index (content->links, i);
          const ParCycleDocument *document =
            par_cycle_content_find_document (content, link->document);

          if (!g_str_equal (link->criterion, leaf->code) ||
              has_link (other, leaf->code, link->document))
            continue;
          if (pass == 0)
            add_change (changes, leaf, PAR_ROUND_SIDE_UNIT, PAR_ROUND_CHANGE_EVIDENCE_ADDED, NULL,
                        document->title, link->document);
          else
            add_change (changes, leaf, PAR_ROUND_SIDE_UNIT, PAR_ROUND_CHANGE_EVIDENCE_REMOVED,
                        document->title, NULL, link->document);
        }
    }
}

static void
compare_office (GPtrArray          *changes,
                const ParCriterion *leaf,
                ParCycleContent    *before,
                ParCycleContent    *after)
{
  const ParCycleReview *old_review = find_review (before, leaf->code, NULL);
  const ParCycleReview *new_review = find_review (after, leaf->code, NULL);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);

  compare_entries (changes, leaf, PAR_ROUND_SIDE_OFFICE, before, after);
  add_change (changes, leaf, PAR_ROUND_SIDE_OFFICE, PAR_ROUND_CHANGE_VERDICT,
              verdict_text (old_review), verdict_text (new_review), NULL);
  add_change (changes, leaf, PAR_ROUND_SIDE_OFFICE, PAR_ROUND_CHANGE_COMMENT,
              old_review != NULL ? old_review->comment : NULL,
              new_review != NULL ? new_review->comment : NULL, NULL);
  add_change (changes, leaf, PAR_ROUND_SIDE_OFFICE, PAR_ROUND_CHANGE_REQUEST,
              old_review != NULL && old_review->requested
              ? (old_review->request != NULL ? old_review->request : "") : NULL,
              new_review != NULL && new_review->requested
              ? (new_review->request != NULL ? new_review->request : "") : NULL, NULL);

  for (guint pass = 0; pass < 2; pass++)
    {
      ParCycleContent *content = pass == 0 ? before : after;

      for (guint i = 0; i < content->reviews->len; i++)
        {
          const ParCycleReview *review = g_ptr_array_index (content->reviews, i);
          const ParCycleReview *old_document;
          const ParCycleReview *new_document;

          if (review->document == NULL || !g_str_equal (review->criterion, leaf->code) ||
              !g_hash_table_add (documents, review->document))
            continue;
          old_document = find_review (before, leaf->code, review->document);
          new_document = find_review (after, leaf->code, review->document);
          if (g_strcmp0 (verdict_text (old_document), verdict_text (new_document)) != 0 ||
              g_strcmp0 (old_document != NULL ? old_document->comment : NULL,
                         new_document != NULL ? new_document->comment : NULL) != 0)
            {
              g_autofree char *old_text = document_review_text (old_document);
              g_autofree char *new_text = document_review_text (new_document);

              add_change (changes, leaf, PAR_ROUND_SIDE_OFFICE, PAR_ROUND_CHANGE_DOCUMENT_VERDICT,
                          old_text, new_text, review->document);
            }
        }
    }
}

/**
 * par_workspace_compare_rounds:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @round: a round (2 compares round 2 with round 1)
 * @error: return location for a #GError
 *
 * What changed in @round, side by side: what the unit changed since its
 * previous submission (values, notes, explanations, evidence added or
 * removed) and what the office changed since its previous return (values,
 * notes, verdicts, comments, requests, verdicts on documents). The rounds
 * are read from the packages this workspace sent and received; the side
 * that writes a kind of package and has not sent @round yet is compared as
 * it stands now. Round 1 compares with nothing.
 *
 * Returns: (transfer full) (element-type ParRoundChange): the changes, by
 *   leaf in tree order, the unit's before the office's
 */
GPtrArray *
par_workspace_compare_rounds (ParWorkspace  *self,
                              int            year,
                              const char    *unit_code,
                              int            round,
                              GError       **error)
{
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_round_change_free);
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(ParCycleContent) unit_before = NULL;
  g_autoptr(ParCycleContent) unit_after = NULL;
  g_autoptr(ParCycleContent) office_before = NULL;
  g_autoptr(ParCycleContent) office_after = NULL;
  g_autoptr(GError) local_error = NULL;
  ParCriteriaSet *set;
  gboolean unit_side;
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (round < 1 || round > PAR_PACKAGE_MAX_ROUND)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%d is not a round"), round);
      return NULL;
    }
  if (!(packages = _par_cycle_lookup_packages (self, year, unit_code, &unit, error)))
    return NULL;
  unit_side = _par_cycle_last_package (packages, PAR_PACKAGE_SUBMISSION, TRUE) != NULL;
  set = unit.block->set;

#define SNAPSHOT(var, kind, r, author) \
  if (!(var = snapshot (self, &unit, packages, kind, r, author, &local_error)) && \
      local_error != NULL) \
    { \
      g_propagate_error (error, g_steal_pointer (&local_error)); \
      return NULL; \
    }
  SNAPSHOT (unit_before, PAR_PACKAGE_SUBMISSION, round - 1, unit_side);
  SNAPSHOT (unit_after, PAR_PACKAGE_SUBMISSION, round, unit_side);
  SNAPSHOT (office_before, PAR_PACKAGE_RETURN, round - 1, !unit_side);
  SNAPSHOT (office_after, PAR_PACKAGE_RETURN, round, !unit_side);
#undef SNAPSHOT

  for (guint i = 0; i < set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);

      if (unit_before != NULL && unit_after != NULL)
        compare_unit (changes, leaf, unit_before, unit_after);
      if (office_before != NULL && office_after != NULL)
        compare_office (changes, leaf, office_before, office_after);
    }
  return g_steal_pointer (&changes);
}
