/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-criterion-row.h"
#include "par-cycle.h"
#include "par-workspace.h"
#include "par-year-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_UNIT_SESSION (par_unit_session_get_type ())

G_DECLARE_FINAL_TYPE (ParUnitSession, par_unit_session, PAR, UNIT_SESSION, GObject)

/**
 * ParEdit:
 * @year: the year of the entries (set when the window keeps the edit)
 * @unit_code: the unit
 * @stage: the stage of every entry
 * @codes: (element-type utf8): the leaves
 * @old_values: (element-type utf8): the values before (%NULL: no entry)
 * @new_values: (element-type utf8): the values after
 * @notes: (element-type utf8): the notes kept with the entries
 *
 * One committed edit, as the undo history keeps it.
 */
typedef struct
{
  int        year;
  char      *unit_code;
  ParStage   stage;
  GPtrArray *codes;
  GPtrArray *old_values;
  GPtrArray *new_values;
  GPtrArray *notes;
} ParEdit;

ParEdit          *par_edit_new                  (const char      *unit_code,
                                                 ParStage         stage);
void              par_edit_add                  (ParEdit         *edit,
                                                 const char      *code,
                                                 const char      *old_value,
                                                 const char      *new_value,
                                                 const char      *note);
void              par_edit_free                 (ParEdit         *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEdit, par_edit_free)

ParUnitSession   *par_unit_session_new          (ParYearModel    *model,
                                                 const char      *unit_code,
                                                 GError         **error);
ParYearModel     *par_unit_session_get_year_model (ParUnitSession *self);
ParWorkspace     *par_unit_session_get_workspace (ParUnitSession *self);
ParUnitResult    *par_unit_session_get_unit     (ParUnitSession  *self);
ParYearResults   *par_unit_session_get_results  (ParUnitSession  *self);
ParCriteriaSet   *par_unit_session_get_set      (ParUnitSession  *self);
int               par_unit_session_get_year     (ParUnitSession  *self);
GListModel       *par_unit_session_get_model    (ParUnitSession  *self);
GListModel       *par_unit_session_get_missing  (ParUnitSession  *self);
ParCriterionRow  *par_unit_session_lookup       (ParUnitSession  *self,
                                                 const char      *code);
ParStage          par_unit_session_get_stage    (ParUnitSession  *self);
void              par_unit_session_set_stage    (ParUnitSession  *self,
                                                 ParStage         stage);
gboolean          par_unit_session_get_editable (ParUnitSession  *self);
gboolean          par_unit_session_can_edit     (ParUnitSession  *self,
                                                 ParCriterionRow *row,
                                                 ParStage         stage);
gboolean          par_unit_session_preview      (ParUnitSession  *self,
                                                 ParCriterionRow *row,
                                                 ParStage         stage,
                                                 const char      *text);
void              par_unit_session_revert       (ParUnitSession  *self,
                                                 ParCriterionRow *row,
                                                 ParStage         stage);
gboolean          par_unit_session_commit       (ParUnitSession  *self,
                                                 ParCriterionRow *row,
                                                 ParStage         stage,
                                                 const char      *text,
                                                 GError         **error);
gboolean          par_unit_session_set_note     (ParUnitSession  *self,
                                                 ParCriterionRow *row,
                                                 ParStage         stage,
                                                 const char      *note,
                                                 GError         **error);
ParCriterionRow  *par_unit_session_get_pending  (ParUnitSession  *self,
                                                 ParStage        *out_stage);
const ParUnitCycle *par_unit_session_get_cycle  (ParUnitSession  *self);
gboolean          par_unit_session_get_office_side (ParUnitSession *self);
gboolean          par_unit_session_get_unit_side (ParUnitSession *self);
guint             par_unit_session_count_needs_answer (ParUnitSession *self);

G_END_DECLS
