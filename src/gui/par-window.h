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
void          par_window_export_annexes            (ParWindow      *self,
                                                    GFile          *file);
gboolean      par_window_get_exporting             (ParWindow      *self);
gboolean      par_window_print_annexes             (ParWindow      *self,
                                                    const char     *export_filename,
                                                    GError        **error);
void          par_window_preview_annexes           (ParWindow      *self);
gboolean      par_window_get_preparing_preview     (ParWindow      *self);
void          par_window_profile_mark_start        (void);

G_END_DECLS
