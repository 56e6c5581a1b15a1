/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-evidence.h"
#include "par-package.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/*
 * The cycle between desks (FORMATS.md §8): a unit submits its
 * self-assessment in a package, the office receives it, reviews and
 * appraises, and returns its appraisal in a package, round after round,
 * on deadlines.
 */

/**
 * ParVerdict:
 * @PAR_VERDICT_NONE: no verdict given
 * @PAR_VERDICT_ACCEPTED: accepted (đạt)
 * @PAR_VERDICT_INSUFFICIENT: insufficient: more is needed (chưa đầy đủ)
 * @PAR_VERDICT_REJECTED: rejected (không chấp nhận)
 *
 * The office's verdict on a criterion or on one evidence document.
 */
typedef enum
{
  PAR_VERDICT_NONE,
  PAR_VERDICT_ACCEPTED,
  PAR_VERDICT_INSUFFICIENT,
  PAR_VERDICT_REJECTED,
} ParVerdict;

/**
 * ParCycleStage:
 * @PAR_CYCLE_STAGE_SELF: the self-assessment (round 1)
 * @PAR_CYCLE_STAGE_EXPLANATION: the answers to the appraisal (rounds 2 and later)
 *
 * The stages that have a deadline.
 */
typedef enum
{
  PAR_CYCLE_STAGE_SELF,
  PAR_CYCLE_STAGE_EXPLANATION,
} ParCycleStage;

/**
 * ParDeadlineState:
 * @PAR_DEADLINE_NONE: the stage has no deadline
 * @PAR_DEADLINE_OPEN: nothing received yet, the deadline has not passed
 * @PAR_DEADLINE_ON_TIME: received by the deadline
 * @PAR_DEADLINE_LATE: received after the deadline (it was moved earlier)
 * @PAR_DEADLINE_EXTENDED: the unit has an extension (received within it,
 *   or still open in it)
 * @PAR_DEADLINE_OVERDUE: nothing received and the deadline (and any
 *   extension) has passed
 *
 * Where a unit stands against the deadline of its current stage.
 */
typedef enum
{
  PAR_DEADLINE_NONE,
  PAR_DEADLINE_OPEN,
  PAR_DEADLINE_ON_TIME,
  PAR_DEADLINE_LATE,
  PAR_DEADLINE_EXTENDED,
  PAR_DEADLINE_OVERDUE,
} ParDeadlineState;

/**
 * ParSubmitFlags:
 * @PAR_SUBMIT_NONE: carry only the documents the office does not hold yet
 * @PAR_SUBMIT_FULL: carry every document, even those the office said it holds
 */
typedef enum
{
  PAR_SUBMIT_NONE = 0,
  PAR_SUBMIT_FULL = 1 << 0,
} ParSubmitFlags;

/**
 * ParPackageSummary:
 * @kind: submission or return
 * @year: the year
 * @unit_code: the unit's code
 * @round: the round
 * @sha256: the package's SHA-256 (its identity; the audit log names it by
 *   its first 16 digits)
 * @size: the package's size in bytes
 * @n_entries: score entries in it
 * @n_documents: documents it lists
 * @n_documents_carried: documents whose bytes it carries (the others the
 *   receiver holds already)
 * @n_documents_stored: when received, documents stored anew (the others
 *   were in the workspace already)
 * @already_received: when received, whether this very package had been
 *   received before (nothing changed)
 *
 * What a package written or received holds.
 */
typedef struct
{
  ParPackageKind  kind;
  int             year;
  char           *unit_code;
  int             round;
  char            sha256[PAR_SHA256_HEX_SIZE];
  gint64          size;
  guint           n_entries;
  guint           n_documents;
  guint           n_documents_carried;
  guint           n_documents_stored;
  gboolean        already_received;
} ParPackageSummary;

/**
 * ParSubmissionCheck:
 * @set: the unit's criteria set
 * @unscored: (element-type ParCriterion): leaves the unit must score but
 *   has no self entry for (survey leaves are scored at appraisal)
 * @unproven: (element-type ParCriterion): leaves whose set names the
 *   evidence expected, with a self entry, and neither a document nor an
 *   explanation
 * @round: the round the next submission will have
 *
 * What a unit's self-assessment still lacks before it is sent.
 */
typedef struct
{
  ParCriteriaSet *set;
  GPtrArray      *unscored;
  GPtrArray      *unproven;
  int             round;
} ParSubmissionCheck;

/**
 * ParReviewChange:
 * @set_verdict: whether to change the verdict
 * @verdict: the new verdict (%PAR_VERDICT_NONE clears it)
 * @set_comment: whether to change the comment
 * @comment: (nullable): the new comment; %NULL or empty clears it
 * @set_request: whether to change the explanation request (criteria only)
 * @request: (nullable): what the unit must explain; %NULL or empty withdraws
 *   the request
 *
 * A change to the office's review of a criterion or a document.
 */
typedef struct
{
  gboolean    set_verdict;
  ParVerdict  verdict;
  gboolean    set_comment;
  const char *comment;
  gboolean    set_request;
  const char *request;
} ParReviewChange;

/**
 * ParDocumentReview:
 * @sha256: the document's SHA-256
 * @title: (nullable): its title, when this workspace holds it
 * @document_id: its id in this workspace, 0 when not held here
 * @verdict: the office's verdict on it
 * @comment: (nullable): the office's comment
 *
 * The office's verdict on one evidence document of a criterion.
 */
typedef struct
{
  char       *sha256;
  char       *title;
  gint64      document_id;
  ParVerdict  verdict;
  char       *comment;
} ParDocumentReview;

/**
 * ParLeafReview:
 * @leaf: (transfer none): the leaf
 * @self_value: (nullable): the self entry's value
 * @self_points: its points
 * @appraisal_value: (nullable): the appraisal entry's value
 * @appraisal_points: its points
 * @appraisal_note: (nullable): the appraiser's note on the entry
 * @verdict: the office's verdict on the criterion
 * @comment: (nullable): the office's comment
 * @requested: whether the office requests an explanation
 * @request: (nullable): what it asks to explain
 * @explanation: (nullable): the unit's explanation
 * @n_documents: the documents linked to the leaf here
 * @documents: (element-type ParDocumentReview): verdicts on documents
 * @round: the round the review was given in (0 when none)
 * @needs_answer: whether the unit has to answer (an open request, or a
 *   criterion or document found insufficient or rejected) and has not sent
 *   the next round yet
 *
 * One leaf of a unit as reviewed: what the unit entered, what the office
 * appraised and said. The unit's reviewed-criterion view and its "needs my
 * answer" filter read these.
 */
typedef struct
{
  const ParCriterion *leaf;
  char               *self_value;
  ParMilli            self_points;
  char               *appraisal_value;
  ParMilli            appraisal_points;
  char               *appraisal_note;
  ParVerdict          verdict;
  char               *comment;
  gboolean            requested;
  char               *request;
  char               *explanation;
  guint               n_documents;
  GPtrArray          *documents;
  int                 round;
  gboolean            needs_answer;
} ParLeafReview;

/**
 * ParUnitCycle:
 * @unit_code: the unit's code
 * @unit_name: its name
 * @block: its block
 * @unit_side: whether this workspace is the unit's own (it sent the unit's
 *   submissions) rather than the office's
 * @received_kind: the kind of the last package received
 * @received_round: its round, 0 when none was received
 * @received_at: (nullable): when it was received (ISO 8601, UTC)
 * @received_sha256: (nullable): its SHA-256
 * @sent_round: the round of the last package sent, 0 when none
 * @sent_at: (nullable): when it was written
 * @sent_sha256: (nullable): its SHA-256
 * @n_leaves: the leaves of the unit's criteria set
 * @n_appraised: the leaves with an appraisal entry
 * @n_accepted: criteria found accepted
 * @n_insufficient: criteria found insufficient
 * @n_rejected: criteria found rejected
 * @n_open_requests: explanation requests not answered yet
 * @stage: the stage the unit is in
 * @deadline: (nullable): that stage's deadline (YYYY-MM-DD)
 * @extension: (nullable): the unit's extension of it
 * @extension_reason: (nullable): why it was granted
 * @deadline_state: where the unit stands against it
 *
 * One unit's place in the cycle, for the submissions board and `status`.
 */
typedef struct
{
  char             *unit_code;
  char             *unit_name;
  char             *block;
  gboolean          unit_side;
  ParPackageKind    received_kind;
  int               received_round;
  char             *received_at;
  char             *received_sha256;
  int               sent_round;
  char             *sent_at;
  char             *sent_sha256;
  guint             n_leaves;
  guint             n_appraised;
  guint             n_accepted;
  guint             n_insufficient;
  guint             n_rejected;
  guint             n_open_requests;
  ParCycleStage     stage;
  char             *deadline;
  char             *extension;
  char             *extension_reason;
  ParDeadlineState  deadline_state;
} ParUnitCycle;

/**
 * ParRoundSide:
 * @PAR_ROUND_SIDE_UNIT: a change the unit made (its submissions)
 * @PAR_ROUND_SIDE_OFFICE: a change the office made (its returns)
 */
typedef enum
{
  PAR_ROUND_SIDE_UNIT,
  PAR_ROUND_SIDE_OFFICE,
} ParRoundSide;

/**
 * ParRoundChangeKind:
 * @PAR_ROUND_CHANGE_VALUE: the entry's value (self or appraisal)
 * @PAR_ROUND_CHANGE_NOTE: the entry's note
 * @PAR_ROUND_CHANGE_EXPLANATION: the unit's explanation
 * @PAR_ROUND_CHANGE_EVIDENCE_ADDED: a document linked
 * @PAR_ROUND_CHANGE_EVIDENCE_REMOVED: a document unlinked
 * @PAR_ROUND_CHANGE_VERDICT: the verdict on the criterion
 * @PAR_ROUND_CHANGE_COMMENT: the comment on the criterion
 * @PAR_ROUND_CHANGE_REQUEST: the explanation request
 * @PAR_ROUND_CHANGE_DOCUMENT_VERDICT: the verdict (and comment) on a document
 */
typedef enum
{
  PAR_ROUND_CHANGE_VALUE,
  PAR_ROUND_CHANGE_NOTE,
  PAR_ROUND_CHANGE_EXPLANATION,
  PAR_ROUND_CHANGE_EVIDENCE_ADDED,
  PAR_ROUND_CHANGE_EVIDENCE_REMOVED,
  PAR_ROUND_CHANGE_VERDICT,
  PAR_ROUND_CHANGE_COMMENT,
  PAR_ROUND_CHANGE_REQUEST,
  PAR_ROUND_CHANGE_DOCUMENT_VERDICT,
} ParRoundChangeKind;

/**
 * ParRoundChange:
 * @leaf: (transfer none): the leaf
 * @side: who made the change
 * @kind: what changed
 * @old_text: (nullable): before (a value, a note, a verdict's name, a title)
 * @new_text: (nullable): after
 * @document: (nullable): the document's SHA-256, for evidence and
 *   document verdicts
 *
 * One difference between a round and the one before it.
 */
typedef struct
{
  const ParCriterion *leaf;
  ParRoundSide        side;
  ParRoundChangeKind  kind;
  char               *old_text;
  char               *new_text;
  char               *document;
} ParRoundChange;

const char          *par_verdict_to_string             (ParVerdict               verdict);
gboolean             par_verdict_from_string           (const char              *text,
                                                        ParVerdict              *out_verdict);
const char          *par_verdict_get_label             (ParVerdict               verdict);
const char          *par_cycle_stage_to_string         (ParCycleStage            stage);
gboolean             par_cycle_stage_from_string       (const char              *text,
                                                        ParCycleStage           *out_stage);
const char          *par_deadline_state_to_string      (ParDeadlineState         state);
const char          *par_deadline_state_get_label      (ParDeadlineState         state);
const char          *par_round_change_kind_get_label   (ParRoundChangeKind       kind);
char                *par_package_origin                (const char              *sha256,
                                                        int                      round);

void                 par_package_summary_free          (ParPackageSummary       *summary);
void                 par_submission_check_free         (ParSubmissionCheck      *check);
void                 par_leaf_review_free              (ParLeafReview           *review);
void                 par_unit_cycle_free               (ParUnitCycle            *cycle);
void                 par_round_change_free             (ParRoundChange          *change);

ParSubmissionCheck  *par_workspace_check_submission    (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        GError                 **error);
ParPackageSummary   *par_workspace_submit              (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        GFile                   *destination,
                                                        ParSubmitFlags           flags,
                                                        ParProgressFunc          progress,
                                                        gpointer                 progress_data,
                                                        GCancellable            *cancellable,
                                                        GError                 **error);
void                 par_workspace_submit_async        (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        GFile                   *destination,
                                                        ParSubmitFlags           flags,
                                                        ParProgressFunc          progress,
                                                        gpointer                 progress_data,
                                                        GDestroyNotify           progress_destroy,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
ParPackageSummary   *par_workspace_submit_finish       (ParWorkspace            *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
ParPackageSummary   *par_workspace_return              (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        GFile                   *destination,
                                                        GCancellable            *cancellable,
                                                        GError                 **error);
ParPackageSummary   *par_workspace_receive_package     (ParWorkspace            *self,
                                                        GFile                   *file,
                                                        ParProgressFunc          progress,
                                                        gpointer                 progress_data,
                                                        GCancellable            *cancellable,
                                                        GError                 **error);
void                 par_workspace_receive_packages_async  (ParWorkspace        *self,
                                                            GListModel          *receipts,
                                                            ParProgressFunc      progress,
                                                            gpointer             progress_data,
                                                            GDestroyNotify       progress_destroy,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean             par_workspace_receive_packages_finish (ParWorkspace        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
gboolean             par_workspace_review              (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        const char              *criterion_code,
                                                        const char              *document,
                                                        const ParReviewChange   *change,
                                                        GError                 **error);
gboolean             par_workspace_set_deadline        (ParWorkspace            *self,
                                                        int                      year,
                                                        ParCycleStage            stage,
                                                        const char              *date,
                                                        GError                 **error);
gboolean             par_workspace_set_extension       (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        ParCycleStage            stage,
                                                        const char              *date,
                                                        const char              *reason,
                                                        GError                 **error);
char                *par_workspace_get_deadline        (ParWorkspace            *self,
                                                        int                      year,
                                                        ParCycleStage            stage,
                                                        GError                 **error);
GPtrArray           *par_workspace_list_cycle          (ParWorkspace            *self,
                                                        int                      year,
                                                        GError                 **error);
ParUnitCycle        *par_workspace_get_unit_cycle      (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        GError                 **error);
GPtrArray           *par_workspace_list_leaf_reviews   (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        ParCriteriaSet         **out_set,
                                                        GError                 **error);
GPtrArray           *par_workspace_compare_rounds      (ParWorkspace            *self,
                                                        int                      year,
                                                        const char              *unit_code,
                                                        int                      round,
                                                        GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackageSummary, par_package_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParSubmissionCheck, par_submission_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParLeafReview, par_leaf_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParUnitCycle, par_unit_cycle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRoundChange, par_round_change_free)

G_END_DECLS
