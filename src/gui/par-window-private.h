/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-criteria-pane.h"
#include "par-decision.h"
#include "par-detail-pane.h"
#include "par-missing-evidence-pane.h"
#include "par-overview-page.h"
#include "par-submissions-board.h"
#include "par-totals-bar.h"
#include "par-units-pane.h"
#include "par-unit-session.h"
#include "par-window.h"
#include "par-workspace.h"
#include "par-year-model.h"

G_BEGIN_DECLS

struct _ParWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template widgets */
  GtkMenuButton          *primary_menu_button;
  GtkStack               *stack;
  GtkSpinner             *loading_spinner;
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
  GtkRevealer            *integrity_banner;
  GtkLabel               *integrity_label;
  GtkWidget              *page_box;
  GtkStack               *main_stack;
  ParSubmissionsBoard    *board;
  ParOverviewPage        *overview;
  GtkRevealer            *work_banner;
  GtkLabel               *work_label;
  GtkProgressBar         *work_progress;

  /* Owned references */
  GSettings              *settings;
  GFile                  *file;
  ParWorkspace           *workspace;
  ParYearModel           *model;      /* the year shown */
  GSignalGroup           *model_signals;
  ParUnitSession         *session;
  GArray                 *years;
  GPtrArray              *undo;       /* ParEdit */
  GPtrArray              *redo;       /* ParEdit */
  char                   *saved_text;
  ParDecision            *decision;   /* the year's stored decision, if any */
  GtkWindow              *receive_dialog;       /* weak: while packages are received */
  GCancellable           *submit_cancellable;   /* while a package is written */
  GCancellable           *work_cancellable;  /* while the annexes are written */

  int                     year;
  ParStage                stage;
  gboolean                loading_years;
  gboolean                published;
  gboolean                close_confirmed;  /* a refused typed value is discarded */
  gboolean                open_when_shown;  /* the program's start: see par_window_open_when_shown() */
  gboolean                shown;            /* its first frame was painted */
  guint                   deferred_source;  /* reads the year once shown */
};

void     _par_window_class_actions_init       (ParWindowClass *klass);
void     _par_window_publication_actions_init (ParWindowClass *klass);
void     _par_window_print_actions_init       (ParWindowClass *klass);
void     _par_window_cycle_actions_init       (ParWindowClass *klass);
void     _par_window_cycle_dispose            (ParWindow      *self);
const char *_par_window_get_page              (ParWindow      *self);
void     _par_window_set_page                 (ParWindow      *self,
                                               const char     *page);
GtkWidget *_par_window_boxed_list_new         (void);
void     _par_window_add_field                (AdwMessageDialog *dialog,
                                               GtkWidget      *list,
                                               const char     *key,
                                               const char     *title,
                                               const char     *text,
                                               GCallback       changed_cb);
char    *_par_window_dup_field                (AdwMessageDialog *dialog,
                                               const char     *key);
AdwMessageDialog *_par_window_question_new    (ParWindow      *self,
                                               const char     *heading,
                                               const char     *body,
                                               const char     *response,
                                               const char     *response_label,
                                               GtkWidget      *extra);
void     _par_window_open_toast_uri           (AdwToast       *toast);
GFile   *_par_window_take_saved_file          (GtkNativeDialog *native,
                                               int             response,
                                               const char     *suffix);
void     _par_window_sync_publication         (ParWindow      *self);
void     _par_window_update_actions           (ParWindow      *self);
void     _par_window_ensure_year_pages        (ParWindow      *self);
void     _par_window_board_unit_activated_cb  (ParWindow      *self,
                                               const char     *unit_code);
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
ParYearResults *_par_window_get_results       (ParWindow      *self);
gboolean _par_window_commit_pending           (ParWindow      *self,
                                               char          **out_problem);

G_END_DECLS
