/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-unit-session.h"

G_BEGIN_DECLS

#define PAR_TYPE_REVIEW_PANE (par_review_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParReviewPane, par_review_pane, PAR, REVIEW_PANE, GtkWidget)

void         par_review_pane_set_row              (ParReviewPane   *self,
                                                   ParCriterionRow *row);
gboolean     par_review_pane_get_editing          (ParReviewPane   *self);
AdwComboRow *par_review_pane_get_verdict_row      (ParReviewPane   *self);
GtkEditable *par_review_pane_get_comment_entry    (ParReviewPane   *self);
GtkEditable *par_review_pane_get_request_entry    (ParReviewPane   *self);
char        *par_review_pane_dup_text             (ParReviewPane   *self);

G_END_DECLS
