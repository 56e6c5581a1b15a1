/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-unit-session.h"

G_BEGIN_DECLS

#define PAR_TYPE_CRITERIA_PANE (par_criteria_pane_get_type ())

G_DECLARE_FINAL_TYPE (ParCriteriaPane, par_criteria_pane, PAR, CRITERIA_PANE, GtkWidget)

void             par_criteria_pane_set_session  (ParCriteriaPane  *self,
                                                 ParUnitSession   *session);
ParCriterionRow *par_criteria_pane_get_selected (ParCriteriaPane  *self);
gboolean         par_criteria_pane_select       (ParCriteriaPane  *self,
                                                 const char       *code);
void             par_criteria_pane_move         (ParCriteriaPane  *self,
                                                 ParCriterionRow  *from,
                                                 int               delta);
gboolean         par_criteria_pane_edit_selected (ParCriteriaPane *self);
void             par_criteria_pane_focus_tree   (ParCriteriaPane  *self);
void             par_criteria_pane_set_needs_answer_only (ParCriteriaPane *self,
                                                 gboolean          only);
gboolean         par_criteria_pane_get_needs_answer_only (ParCriteriaPane *self);
guint            par_criteria_pane_get_n_rows   (ParCriteriaPane  *self);
const char      *par_criteria_pane_get_answer_text (ParCriteriaPane *self);
gboolean         par_criteria_pane_popup_menu   (ParCriteriaPane  *self);

G_END_DECLS
