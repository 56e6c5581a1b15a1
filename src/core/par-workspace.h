/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-criteria-set.h"
#include "par-decision.h"
#include "par-lineage.h"
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

/**
 * ParYearCheck:
 * @year: the year (0: the records that belong to no year)
 * @published: whether the year is published
 * @decision_number: (nullable): the publishing decision's number
 * @decision_date: (nullable): its date (YYYY-MM-DD)
 * @fingerprint: (nullable): the published fingerprint
 * @n_units: the number of units whose results were checked
 * @n_records: the number of audit records of the year's chain
 *
 * What par_workspace_verify_year() found to hold.
 */
typedef struct
{
  int       year;
  gboolean  published;
  char     *decision_number;
  char     *decision_date;
  char     *fingerprint;
  guint     n_units;
  gint64    n_records;
} ParYearCheck;

void             par_year_check_free             (ParYearCheck          *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParYearCheck, par_year_check_free)

/**
 * ParWorkspaceOpenMode:
 * @PAR_WORKSPACE_OPEN_EXISTING: an existing file; an empty one becomes a
 *   workspace
 * @PAR_WORKSPACE_CREATE_NEW: a new file, refused when the path exists
 * @PAR_WORKSPACE_OPEN_READ: an existing workspace, for commands that only
 *   read: a file that is not yet a workspace (an empty file, an empty
 *   database) is refused and left as it was
 *
 * How par_workspace_open() treats the file.
 */
typedef enum
{
  PAR_WORKSPACE_OPEN_EXISTING,
  PAR_WORKSPACE_CREATE_NEW,
  PAR_WORKSPACE_OPEN_READ,
} ParWorkspaceOpenMode;

ParWorkspace    *par_workspace_open              (const char            *path,
                                                  ParWorkspaceOpenMode   mode,
                                                  GError               **error);
void             par_workspace_close             (ParWorkspace          *self);
void             par_workspace_watch             (ParWorkspace          *self);
gboolean         par_workspace_check_changes     (ParWorkspace          *self);
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
gboolean         par_workspace_import_scores_stream (ParWorkspace       *self,
                                                  int                    year,
                                                  GInputStream          *stream,
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
gboolean         par_workspace_reload_unit       (ParWorkspace          *self,
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
ParYearCheck    *par_workspace_verify_year       (ParWorkspace          *self,
                                                  int                    year,
                                                  GError               **error);
gboolean         par_workspace_check_year        (ParWorkspace          *self,
                                                  int                    year,
                                                  GError               **error);
gboolean         par_workspace_verify            (ParWorkspace          *self,
                                                  int                    year,
                                                  GPtrArray            **out_checks,
                                                  GError               **error);

/**
 * ParScoreChange:
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @stage: the stage
 * @value: (nullable): the value as entered; empty or %NULL clears the entry
 * @note: (nullable): the note kept with the entry
 * @check_current: whether to write only if the entry still holds @current
 * @current: (nullable): the value the entry must hold now (%NULL: no entry),
 *   when @check_current
 *
 * One entry for par_workspace_set_scores(). Undo sets @check_current, so
 * that it never overwrites a value changed since by someone else.
 */
typedef struct
{
  const char *unit_code;
  const char *criterion_code;
  ParStage    stage;
  const char *value;
  const char *note;
  gboolean    check_current;
  const char *current;
} ParScoreChange;

gboolean         par_workspace_add_unit          (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *code,
                                                  const char            *name,
                                                  const char            *block,
                                                  GError               **error);
gboolean         par_workspace_add_unit_full     (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *code,
                                                  const char            *name,
                                                  const char            *block,
                                                  GPtrArray             *predecessors,
                                                  GError               **error);
GPtrArray       *par_workspace_get_predecessors  (ParWorkspace          *self,
                                                  int                    year,
                                                  const char            *unit_code,
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
