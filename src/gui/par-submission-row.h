/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-cycle.h"

G_BEGIN_DECLS

/**
 * ParSubmissionState:
 * @PAR_SUBMISSION_NOT_RECEIVED: no package yet: at the office, nothing
 *   received from the unit (a unit's own workspace is only known as such
 *   once it sent its first round)
 * @PAR_SUBMISSION_TO_APPRAISE: at the office: a round received, not returned yet
 * @PAR_SUBMISSION_RETURNED: at the office: the appraisal of the last round returned
 * @PAR_SUBMISSION_SENT: at the unit: a round sent, its appraisal not back yet
 * @PAR_SUBMISSION_APPRAISAL_RECEIVED: at the unit: the appraisal of the
 *   last round sent came back
 *
 * Where a unit stands on the submissions board.
 */
typedef enum
{
  PAR_SUBMISSION_NOT_RECEIVED,
  PAR_SUBMISSION_TO_APPRAISE,
  PAR_SUBMISSION_RETURNED,
  PAR_SUBMISSION_SENT,
  PAR_SUBMISSION_APPRAISAL_RECEIVED,
} ParSubmissionState;

ParSubmissionState  par_submission_state_of    (const ParUnitCycle *cycle);
const char         *par_submission_state_label (ParSubmissionState  state);

#define PAR_TYPE_SUBMISSION_ROW (par_submission_row_get_type ())

G_DECLARE_FINAL_TYPE (ParSubmissionRow, par_submission_row, PAR, SUBMISSION_ROW, GObject)

ParSubmissionRow   *par_submission_row_new                (const ParUnitCycle *cycle,
                                                           gboolean            published);
void                par_submission_row_update             (ParSubmissionRow   *self,
                                                           const ParUnitCycle *cycle,
                                                           gboolean            published);
const char         *par_submission_row_get_code           (ParSubmissionRow   *self);
const char         *par_submission_row_get_folded         (ParSubmissionRow   *self);
ParSubmissionState  par_submission_row_get_state          (ParSubmissionRow   *self);
ParDeadlineState    par_submission_row_get_deadline_state (ParSubmissionRow   *self);
int                 par_submission_row_get_round          (ParSubmissionRow   *self);
int                 par_submission_row_get_requests       (ParSubmissionRow   *self);
const char         *par_submission_row_get_verdicts_text  (ParSubmissionRow   *self);
const char         *par_submission_row_get_deadline_text  (ParSubmissionRow   *self);
gboolean            par_submission_row_get_office_side    (ParSubmissionRow   *self);
gboolean            par_submission_row_get_unit_side      (ParSubmissionRow   *self);

G_END_DECLS
