/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-criteria-pane.h"
#include "par-decision.h"
#include "par-detail-pane.h"
#include "par-missing-evidence-pane.h"
#include "par-totals-bar.h"
#include "par-units-pane.h"
#include "par-unit-session.h"
#include "par-window.h"
#include "par-workspace.h"

G_BEGIN_DECLS

struct _ParWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template widgets */
  GtkMenuButton          *primary_menu_button;
  GtkStack               *stack;
  AdwStatusPage          *welcome_page;
  AdwWindowTitle         *window_title;
  AdwToastOverlay        *toast_overlay;
  GtkDropDown            *year_dropdown;
  GtkWidget              *stage_box;
  GtkToggleButton        *detail_button;
  GtkWidget              *accept_button;
  GtkWidget              *undo_box;
  GtkListBox             *recent_list;
  GMenu                  *recent_menu;
  AdwFlap                *flap;
  GtkStack               *unit_stack;
  ParUnitsPane           *units_pane;
  ParCriteriaPane        *criteria_pane;
  AdwViewStack           *side_stack;
  ParDetailPane          *detail_pane;
  ParMissingEvidencePane *missing_pane;
  ParTotalsBar           *totals_bar;
  GtkRevealer            *publication_banner;
  GtkLabel               *publication_label;
  GtkSpinner             *export_spinner;

  /* Owned references */
  GSettings              *settings;
  GFile                  *file;
  ParWorkspace           *workspace;
  ParYearResults         *results;
  ParUnitSession         *session;
  GArray                 *years;
  GPtrArray              *undo;       /* ParEdit */
  GPtrArray              *redo;       /* ParEdit */
  char                   *saved_text;
  ParDecision            *decision;   /* the year's stored decision, if any */
  GCancellable           *export_cancellable;   /* while the annexes are written */
  GCancellable           *preview_cancellable;  /* while the print preview is made */

  int                     year;
  ParStage                stage;
  gboolean                loading_years;
  gboolean                published;
};

void     _par_window_class_actions_init       (ParWindowClass *klass);
void     _par_window_publication_actions_init (ParWindowClass *klass);
void     _par_window_print_actions_init       (ParWindowClass *klass);
void     _par_window_sync_publication         (ParWindow      *self);
void     _par_window_update_actions           (ParWindow      *self);
void     _par_window_load_year                (ParWindow      *self,
                                               int             year);
void     _par_window_reload_years             (ParWindow      *self,
                                               int             select_year);
void     _par_window_show_error               (ParWindow      *self,
                                               const char     *what,
                                               const GError   *error);
void     _par_window_toast                    (ParWindow      *self,
                                               const char     *text);
void     _par_window_set_saved                (ParWindow      *self);
void     _par_window_push_edit                (ParWindow      *self,
                                               ParEdit        *edit);
gboolean _par_window_apply_edit               (ParWindow      *self,
                                               ParEdit        *edit,
                                               gboolean        backwards,
                                               GError        **error);
void     _par_window_update_recent            (ParWindow      *self);

G_END_DECLS
