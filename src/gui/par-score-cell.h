/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-criterion-row.h"

G_BEGIN_DECLS

#define PAR_TYPE_SCORE_CELL (par_score_cell_get_type ())

G_DECLARE_FINAL_TYPE (ParScoreCell, par_score_cell, PAR, SCORE_CELL, GtkWidget)

ParCriterionRow *par_score_cell_get_row    (ParScoreCell    *self);
void             par_score_cell_set_row    (ParScoreCell    *self,
                                            ParCriterionRow *row);
gboolean         par_score_cell_start_edit (ParScoreCell    *self);
GtkEditable     *par_score_cell_get_entry  (ParScoreCell    *self);
ParScoreCell    *par_score_cell_lookup     (ParCriterionRow *row,
                                            ParStage         stage);
gboolean         par_score_cell_popup_menu (ParScoreCell    *self);
GtkWidget       *par_score_cell_get_menu_button (ParScoreCell *self);

G_END_DECLS
