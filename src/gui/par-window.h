/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-application.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_WINDOW (par_window_get_type ())

G_DECLARE_FINAL_TYPE (ParWindow, par_window, PAR, WINDOW, AdwApplicationWindow)

ParWindow    *par_window_new                       (ParApplication *application);
GFile        *par_window_get_file                  (ParWindow      *self);
void          par_window_open_file                 (ParWindow      *self,
                                                    GFile          *file);
gboolean      par_window_restore_last              (ParWindow      *self);
ParWorkspace *par_window_get_workspace             (ParWindow      *self);
int           par_window_get_year                  (ParWindow      *self);
GtkWidget    *par_window_get_units_pane            (ParWindow      *self);
GtkWidget    *par_window_get_criteria_pane         (ParWindow      *self);
GtkWidget    *par_window_get_detail_pane           (ParWindow      *self);
GtkWidget    *par_window_get_missing_evidence_pane (ParWindow      *self);
const char   *par_window_get_side_page             (ParWindow      *self);
GtkWidget    *par_window_get_totals_bar            (ParWindow      *self);
const char   *par_window_get_saved_text            (ParWindow      *self);
GObject      *par_window_get_session               (ParWindow      *self);
GtkWidget    *par_window_get_publication_banner    (ParWindow      *self);
GtkWidget    *par_window_get_integrity_banner      (ParWindow      *self);
void          par_window_export_annexes            (ParWindow      *self,
                                                    GFile          *file);
void          par_window_print_annexes             (ParWindow      *self,
                                                    const char     *export_filename);
void          par_window_preview_annexes           (ParWindow      *self);
gboolean      par_window_get_working               (ParWindow      *self);
GtkWidget    *par_window_get_work_banner           (ParWindow      *self);
void          par_window_cancel_work               (ParWindow      *self);
void          par_window_profile_mark_start        (void);
void          par_window_open_when_shown           (ParWindow      *self);
gboolean      par_window_commit_pending            (ParWindow      *self);
void          par_window_send_for_appraisal        (ParWindow      *self,
                                                    GFile          *destination);
GtkWindow    *par_window_receive_packages          (ParWindow      *self,
                                                    GFile * const  *files,
                                                    guint           n_files);
void          par_window_return_appraisal          (ParWindow      *self,
                                                    const char     *unit_code,
                                                    GFile          *destination);
GtkWindow    *par_window_show_rounds               (ParWindow      *self,
                                                    const char     *unit_code);
void          par_window_grant_extension           (ParWindow      *self,
                                                    const char     *unit_code);
GtkWidget    *par_window_get_submissions_board     (ParWindow      *self);
GtkWidget    *par_window_get_overview_page         (ParWindow      *self);

G_END_DECLS
