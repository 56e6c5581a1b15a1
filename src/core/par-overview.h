/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-cycle.h"
#include "par-types.h"
#include "par-workspace.h"

G_BEGIN_DECLS

/**
 * ParUnitCompleteness:
 * @unit_code: the unit's code
 * @n_expected: the sub-criteria whose set names the evidence expected,
 *   not marked not applicable (by the unit or the appraiser)
 * @n_given: of those, the ones with a document or an explanation
 * @n_unscored: the sub-criteria the unit must score that have no self
 *   entry (survey sub-criteria are scored by the office)
 *
 * How complete a unit's self-assessment is: the evidence it gave and the
 * entries it made. The overview of the year shows "58/65" and filters the
 * incomplete units.
 */
typedef struct
{
  char  *unit_code;
  guint  n_expected;
  guint  n_given;
  guint  n_unscored;
} ParUnitCompleteness;

/**
 * ParYearOverview:
 * @year: the year
 * @cycles: (element-type ParUnitCycle): every unit's place in the cycle
 *   between desks, by code
 * @completeness: (element-type ParUnitCompleteness): every unit's
 *   completeness, in the same order
 *
 * What the overview of a year reads of every unit beside its results.
 */
typedef struct
{
  int        year;
  GPtrArray *cycles;
  GPtrArray *completeness;
} ParYearOverview;

void                  par_unit_completeness_free         (ParUnitCompleteness  *completeness);
gboolean              par_unit_completeness_is_complete  (const ParUnitCompleteness *completeness);
void                  par_year_overview_free             (ParYearOverview      *overview);

GPtrArray            *par_workspace_list_completeness    (ParWorkspace         *self,
                                                          int                   year,
                                                          GError              **error);
ParUnitCompleteness  *par_workspace_get_completeness     (ParWorkspace         *self,
                                                          int                   year,
                                                          const char           *unit_code,
                                                          GError              **error);
ParYearOverview      *par_workspace_read_overview        (ParWorkspace         *self,
                                                          int                   year,
                                                          GError              **error);
void                  par_workspace_read_overview_async  (ParWorkspace         *self,
                                                          int                   year,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
ParYearOverview      *par_workspace_read_overview_finish (ParWorkspace         *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParUnitCompleteness, par_unit_completeness_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParYearOverview, par_year_overview_free)

G_END_DECLS
