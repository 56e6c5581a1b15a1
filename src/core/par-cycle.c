/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cycle"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cycle.h"
#include "par-cycle-private.h"

/* The names of the cycle's values in files (English, fixed) and on screen
 * (translated), and the plain data the cycle's calls return. */

static const char *verdict_names[] = {
  [PAR_VERDICT_NONE] = "none",
  [PAR_VERDICT_ACCEPTED] = "accepted",
  [PAR_VERDICT_INSUFFICIENT] = "insufficient",
  [PAR_VERDICT_REJECTED] = "rejected",
};

/**
 * par_verdict_to_string:
 * @verdict: a verdict
 *
 * Returns: its name in files and on the command line ("accepted", …)
 */
const char *
par_verdict_to_string (ParVerdict verdict)
{
  g_return_val_if_fail (verdict <= PAR_VERDICT_REJECTED, NULL);
  return verdict_names[verdict];
}

gboolean
par_verdict_from_string (const char *text,
                         ParVerdict *out_verdict)
{
  for (guint i = PAR_VERDICT_ACCEPTED; text != NULL && i < G_N_ELEMENTS (verdict_names); i++)
    if (g_str_equal (text, verdict_names[i]))
      {
        *out_verdict = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * par_verdict_get_label:
 * @verdict: a verdict
 *
 * Returns: the verdict in the user's language
 */
const char *
par_verdict_get_label (ParVerdict verdict)
{
  switch (verdict)
    {
    case PAR_VERDICT_ACCEPTED:
      return C_("verdict", "Accepted");
    case PAR_VERDICT_INSUFFICIENT:
      return C_("verdict", "Insufficient");
    case PAR_VERDICT_REJECTED:
      return C_("verdict", "Rejected");
    case PAR_VERDICT_NONE:
    default:
      return C_("verdict", "No verdict");
    }
}

const char *
par_cycle_stage_to_string (ParCycleStage stage)
{
  return stage == PAR_CYCLE_STAGE_EXPLANATION ? "explanation" : "self";
}

gboolean
par_cycle_stage_from_string (const char    *text,
                             ParCycleStage *out_stage)
{
  if (g_strcmp0 (text, "self") == 0)
    *out_stage = PAR_CYCLE_STAGE_SELF;
  else if (g_strcmp0 (text, "explanation") == 0)
    *out_stage = PAR_CYCLE_STAGE_EXPLANATION;
  else
    return FALSE;
  return TRUE;
}

static const char *deadline_state_names[] = {
  [PAR_DEADLINE_NONE] = "none",
  [PAR_DEADLINE_OPEN] = "open",
  [PAR_DEADLINE_ON_TIME] = "on-time",
  [PAR_DEADLINE_LATE] = "late",
  [PAR_DEADLINE_EXTENDED] = "extended",
  [PAR_DEADLINE_OVERDUE] = "overdue",
};

const char *
par_deadline_state_to_string (ParDeadlineState state)
{
  g_return_val_if_fail (state <= PAR_DEADLINE_OVERDUE, NULL);
  return deadline_state_names[state];
}

const char *
par_deadline_state_get_label (ParDeadlineState state)
{
  switch (state)
    {
    case PAR_DEADLINE_OPEN:
      return C_("deadline", "Open");
    case PAR_DEADLINE_ON_TIME:
      return C_("deadline", "On time");
    case PAR_DEADLINE_LATE:
      return C_("deadline", "Late");
    case PAR_DEADLINE_EXTENDED:
      return C_("deadline", "Extended");
    case PAR_DEADLINE_OVERDUE:
      return C_("deadline", "Overdue");
    case PAR_DEADLINE_NONE:
    default:
      return C_("deadline", "No deadline");
    }
}

/**
 * par_round_change_kind_get_label:
 * @kind: what changed between rounds
 *
 * Returns: what changed, in the user's language ("value", "document
 *   added", …), for `rounds` and the window's rounds dialog
 */
const char *
par_round_change_kind_get_label (ParRoundChangeKind kind)
{
  switch (kind)
    {
    case PAR_ROUND_CHANGE_VALUE:
      return _("value");
    case PAR_ROUND_CHANGE_NOTE:
      return _("note");
    case PAR_ROUND_CHANGE_EXPLANATION:
      return _("explanation");
    case PAR_ROUND_CHANGE_EVIDENCE_ADDED:
      return _("document added");
    case PAR_ROUND_CHANGE_EVIDENCE_REMOVED:
      return _("document removed");
    case PAR_ROUND_CHANGE_VERDICT:
      return _("verdict");
    case PAR_ROUND_CHANGE_COMMENT:
      return _("comment");
    case PAR_ROUND_CHANGE_REQUEST:
      return _("explanation request");
    case PAR_ROUND_CHANGE_DOCUMENT_VERDICT:
    default:
      return _("verdict on a document");
    }
}

/**
 * par_package_origin:
 * @sha256: a package's SHA-256
 * @round: its round
 *
 * Returns: (transfer full): how the audit log names a change that came
 *   with the package: "package:<first 16 digits> round N"
 */
char *
par_package_origin (const char *sha256,
                    int         round)
{
  g_return_val_if_fail (sha256 != NULL, NULL);
  return g_strdup_printf ("package:%.16s round %d", sha256, round);
}

void
par_package_summary_free (ParPackageSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->unit_code);
  g_free (summary);
}

void
par_submission_check_free (ParSubmissionCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->set, par_criteria_set_unref);
  g_clear_pointer (&check->unscored, g_ptr_array_unref);
  g_clear_pointer (&check->unproven, g_ptr_array_unref);
  g_free (check);
}

static void
document_review_free (gpointer data)
{
  ParDocumentReview *review = data;

  g_free (review->sha256);
  g_free (review->title);
  g_free (review->comment);
  g_free (review);
}

/* Not public: the lists hand out reviews with their documents array. */
GPtrArray *
_par_document_reviews_new (void)
{
  return g_ptr_array_new_with_free_func (document_review_free);
}

void
par_leaf_review_free (ParLeafReview *review)
{
  if (review == NULL)
    return;
  g_free (review->self_value);
  g_free (review->appraisal_value);
  g_free (review->appraisal_note);
  g_free (review->comment);
  g_free (review->request);
  g_free (review->explanation);
  g_clear_pointer (&review->documents, g_ptr_array_unref);
  g_free (review);
}

void
par_unit_cycle_free (ParUnitCycle *cycle)
{
  if (cycle == NULL)
    return;
  g_free (cycle->unit_code);
  g_free (cycle->unit_name);
  g_free (cycle->block);
  g_free (cycle->received_at);
  g_free (cycle->received_sha256);
  g_free (cycle->sent_at);
  g_free (cycle->sent_sha256);
  g_free (cycle->deadline);
  g_free (cycle->extension);
  g_free (cycle->extension_reason);
  g_free (cycle);
}

void
par_round_change_free (ParRoundChange *change)
{
  if (change == NULL)
    return;
  g_free (change->old_text);
  g_free (change->new_text);
  g_free (change->document);
  g_free (change);
}
