/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-submission-row.h"
#include "par-year-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_SUBMISSIONS_BOARD (par_submissions_board_get_type ())

G_DECLARE_FINAL_TYPE (ParSubmissionsBoard, par_submissions_board, PAR, SUBMISSIONS_BOARD, GtkWidget)

void              par_submissions_board_set_model         (ParSubmissionsBoard *self,
                                                           ParYearModel        *model);
GListModel       *par_submissions_board_get_rows          (ParSubmissionsBoard *self);
ParSubmissionRow *par_submissions_board_lookup            (ParSubmissionsBoard *self,
                                                           const char          *code);
const char       *par_submissions_board_get_selected_code (ParSubmissionsBoard *self);
void              par_submissions_board_set_filter        (ParSubmissionsBoard *self,
                                                           const char          *search,
                                                           guint                state);
gboolean          par_submissions_board_get_unit_side     (ParSubmissionsBoard *self);
void              par_submissions_board_focus_search      (ParSubmissionsBoard *self);
void              par_submissions_board_sort_by           (ParSubmissionsBoard *self,
                                                           const char          *column,
                                                           gboolean             descending);

G_END_DECLS
