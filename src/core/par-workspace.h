/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-criteria-set.h"
#include "par-decision.h"
#include "par-results.h"
#include "par-rule.h"
#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_WORKSPACE (par_workspace_get_type ())

G_DECLARE_FINAL_TYPE (ParWorkspace, par_workspace, PAR, WORKSPACE, GObject)

/**
 * ParStoredEntry:
 * @leaf: (transfer none): the leaf in the set of the unit's block
 * @stage: the stage
 * @state: value, not applicable or not arising
 * @value: the canonical value text
 * @points: the points, in thousandths
 * @applicable: whether the leaf's maximum counts
 * @note: (nullable): the note kept with the entry
 * @changed_at: when it was last changed (ISO 8601, UTC)
 *
 * One score entry as stored in the workspace.
 */
typedef struct
{
  const ParCriterion *leaf;
  ParStage            stage;
  ParEntryState       state;
  char               *value;
  ParMilli            points;
  gboolean            applicable;
  char               *note;
  char               *changed_at;
} ParStoredEntry;

typedef enum
{
  PAR_WORKSPACE_OPEN_EXISTING,
  PAR_WORKSPACE_CREATE_NEW,
} ParWorkspaceOpenMode;

ParWorkspace    *par_workspace_open              (const char            *path,
                                                  ParWorkspaceOpenMode   mode,
                                                  GError               **error);
const char      *par_workspace_get_path          (ParWorkspace          *self);
GArray          *par_workspace_list_years        (ParWorkspace          *self,
                                                  GError               **error);
gboolean         par_workspace_add_year          (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *block,
                                                  ParCriteriaSet        *set,
                                                  GError               **error);
gboolean         par_workspace_import_units      (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *data,
                                                  gsize                  length,
                                                  guint                 *out_count,
                                                  GError               **error);
gboolean         par_workspace_import_scores     (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *data,
                                                  gsize                  length,
                                                  guint                 *out_count,
                                                  GError               **error);
gboolean         par_workspace_set_score         (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
                                                  const char            *criterion_code,
                                                  ParStage               stage,
                                                  const char            *value,
                                                  const char            *note,
                                                  GError               **error);
ParYearResults  *par_workspace_compute_results   (ParWorkspace          *self,
                                                  int                    year,
                                                  GError               **error);
gboolean         par_workspace_load_unit_entries (ParWorkspace          *self,
                                                  ParYearResults        *results,
                                                  ParUnitResult         *unit,
                                                  GError               **error);
GPtrArray       *par_workspace_list_unit_entries (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
                                                  ParCriteriaSet       **out_set,
                                                  GError               **error);
gboolean         par_workspace_is_published      (ParWorkspace          *self,
                                                  int                    year,
                                                  GError               **error);
gboolean         par_workspace_reopen            (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *reason,
                                                  GError               **error);
gboolean         par_workspace_publish           (ParWorkspace          *self,
                                                  int                    year,
                                                  const ParDecision     *decision,
                                                  char                 **out_fingerprint,
                                                  GError               **error);
ParDecision     *par_workspace_get_decision      (ParWorkspace          *self,
                                                  int                    year,
                                                  char                 **out_fingerprint,
                                                  GError               **error);
gint64           par_workspace_count_audit       (ParWorkspace          *self,
                                                  GError               **error);

/**
 * ParScoreChange:
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @stage: the stage
 * @value: (nullable): the value as entered; empty or %NULL clears the entry
 * @note: (nullable): the note kept with the entry
 *
 * One entry for par_workspace_set_scores().
 */
typedef struct
{
  const char *unit_code;
  const char *criterion_code;
  ParStage    stage;
  const char *value;
  const char *note;
} ParScoreChange;

gboolean         par_workspace_add_unit          (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *code,
                                                  const char            *name,
                                                  const char            *block,
                                                  GError               **error);
gboolean         par_workspace_rename_unit       (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *code,
                                                  const char            *name,
                                                  GError               **error);
gboolean         par_workspace_remove_unit       (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *code,
                                                  GError               **error);
gboolean         par_workspace_copy_units        (ParWorkspace          *self,
                                                  int                    from_year,
                                                  int                    to_year,
                                                  guint                 *out_count,
                                                  GError               **error);
gboolean         par_workspace_set_scores        (ParWorkspace          *self,
                                                  int                    year,
                                                  const ParScoreChange  *changes,
                                                  guint                  n_changes,
                                                  GError               **error);
gboolean         par_workspace_accept_self       (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
                                                  const char            *group_code,
                                                  GPtrArray            **out_changes,
                                                  GError               **error);
gboolean         par_workspace_get_explanation   (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
                                                  const char            *criterion_code,
                                                  gboolean              *out_requested,
                                                  char                 **out_text,
                                                  GError               **error);
gboolean         par_workspace_set_explanation   (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
                                                  const char            *criterion_code,
                                                  gboolean               requested,
                                                  const char            *text,
                                                  GError               **error);

G_END_DECLS
