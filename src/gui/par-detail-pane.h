/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-evidence-pane.h"
#include "par-review-pane.h"
#include "par-unit-session.h"

G_BEGIN_DECLS

#define PAR_TYPE_DETAIL_PANE (par_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParDetailPane, par_detail_pane, PAR, DETAIL_PANE, GtkWidget)

void             par_detail_pane_set_row           (ParDetailPane   *self,
                                                    ParCriterionRow *row);
const char      *par_detail_pane_get_rule_text     (ParDetailPane   *self);
ParEvidencePane *par_detail_pane_get_evidence_pane (ParDetailPane   *self);
ParReviewPane   *par_detail_pane_get_review_pane   (ParDetailPane   *self);
GtkTextView     *par_detail_pane_get_explanation_view (ParDetailPane *self);

G_END_DECLS
