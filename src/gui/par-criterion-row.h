/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-criteria-set.h"
#include "par-cycle.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_CRITERION_ROW (par_criterion_row_get_type ())

G_DECLARE_FINAL_TYPE (ParCriterionRow, par_criterion_row, PAR, CRITERION_ROW, GObject)

typedef struct _ParUnitSession ParUnitSession;

ParCriterionRow    *par_criterion_row_new          (const ParCriterion *node,
                                                    ParUnitSession     *session);
const ParCriterion *par_criterion_row_get_node     (ParCriterionRow    *self);
ParUnitSession     *par_criterion_row_get_session  (ParCriterionRow    *self);
GListModel         *par_criterion_row_get_children (ParCriterionRow    *self);
gboolean            par_criterion_row_is_group     (ParCriterionRow    *self);
const char         *par_criterion_row_get_value    (ParCriterionRow    *self,
                                                    ParStage            stage);
const char         *par_criterion_row_get_note     (ParCriterionRow    *self,
                                                    ParStage            stage);
const char         *par_criterion_row_get_points_text (ParCriterionRow *self,
                                                    ParStage            stage);
const char         *par_criterion_row_get_error    (ParCriterionRow    *self,
                                                    ParStage            stage);
gboolean            par_criterion_row_has_entry    (ParCriterionRow    *self,
                                                    ParStage            stage);
ParMilli            par_criterion_row_get_points   (ParCriterionRow    *self,
                                                    ParStage            stage);

/* For ParUnitSession, which keeps the rows up to date. */
void                par_criterion_row_set_stored   (ParCriterionRow    *self,
                                                    ParStage            stage,
                                                    const char         *value,
                                                    const char         *note);
void                par_criterion_row_set_live     (ParCriterionRow    *self,
                                                    ParStage            stage,
                                                    gboolean            has_entry,
                                                    ParMilli            points);
void                par_criterion_row_set_error    (ParCriterionRow    *self,
                                                    ParStage            stage,
                                                    const char         *message);
void                par_criterion_row_set_evidence (ParCriterionRow    *self,
                                                    gint64              count,
                                                    gboolean            warning);
void                par_criterion_row_set_review   (ParCriterionRow    *self,
                                                    const ParLeafReview *review);
void                par_criterion_row_set_needs_answer (ParCriterionRow *self,
                                                    gboolean            needs_answer);

const ParLeafReview *par_criterion_row_get_review  (ParCriterionRow    *self);
gboolean            par_criterion_row_get_needs_answer (ParCriterionRow *self);
const char         *par_criterion_row_get_verdict_icon (ParCriterionRow *self);

G_END_DECLS
