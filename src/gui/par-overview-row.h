/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-cycle.h"
#include "par-overview.h"
#include "par-results.h"

G_BEGIN_DECLS

/**
 * ParOverviewColumn:
 * @PAR_OVERVIEW_CODE: the unit's code
 * @PAR_OVERVIEW_NAME: its name (natural order: Số 2 before Số 10)
 * @PAR_OVERVIEW_BLOCK: its block
 * @PAR_OVERVIEW_SELF_POINTS: the self-assessed points
 * @PAR_OVERVIEW_POINTS: the points
 * @PAR_OVERVIEW_INDEX: the index
 * @PAR_OVERVIEW_CLASS: the class (sorted as its index)
 * @PAR_OVERVIEW_RANK: the rank in the block
 * @PAR_OVERVIEW_CHANGE: the change of the index against the year before
 * @PAR_OVERVIEW_PROVISIONAL: whether the results are provisional
 * @PAR_OVERVIEW_EVIDENCE: the evidence given of the evidence expected
 * @PAR_OVERVIEW_SUBMISSION: where the unit stands in the cycle between desks
 * @PAR_OVERVIEW_N_COLUMNS: the number of columns
 *
 * The columns of the overview of the year; each is a string property of
 * #ParOverviewRow of the same name ("code", "self-points", …) and a sort
 * order (par_overview_row_compare()).
 */
typedef enum
{
  PAR_OVERVIEW_CODE,
  PAR_OVERVIEW_NAME,
  PAR_OVERVIEW_BLOCK,
  PAR_OVERVIEW_SELF_POINTS,
  PAR_OVERVIEW_POINTS,
  PAR_OVERVIEW_INDEX,
  PAR_OVERVIEW_CLASS,
  PAR_OVERVIEW_RANK,
  PAR_OVERVIEW_CHANGE,
  PAR_OVERVIEW_PROVISIONAL,
  PAR_OVERVIEW_EVIDENCE,
  PAR_OVERVIEW_SUBMISSION,
  PAR_OVERVIEW_N_COLUMNS
} ParOverviewColumn;

#define PAR_TYPE_OVERVIEW_ROW (par_overview_row_get_type ())

G_DECLARE_FINAL_TYPE (ParOverviewRow, par_overview_row, PAR, OVERVIEW_ROW, GObject)

const char     *par_overview_column_get_id            (ParOverviewColumn          column);
gboolean        par_overview_column_from_id           (const char                *id,
                                                       ParOverviewColumn         *out_column);

ParOverviewRow *par_overview_row_new                  (const char                *code);
void            par_overview_row_set_result           (ParOverviewRow            *self,
                                                       ParYearResults            *results,
                                                       const ParUnitResult       *unit);
void            par_overview_row_set_completeness     (ParOverviewRow            *self,
                                                       const ParUnitCompleteness *completeness);
void            par_overview_row_set_cycle            (ParOverviewRow            *self,
                                                       const ParUnitCycle        *cycle);
const char     *par_overview_row_get_code             (ParOverviewRow            *self);
const char     *par_overview_row_get_text             (ParOverviewRow            *self,
                                                       ParOverviewColumn          column);
const char     *par_overview_row_get_folded           (ParOverviewRow            *self);
guint           par_overview_row_get_block            (ParOverviewRow            *self);
gboolean        par_overview_row_get_provisional      (ParOverviewRow            *self);
gboolean        par_overview_row_get_incomplete       (ParOverviewRow            *self);
int             par_overview_row_compare              (ParOverviewRow            *a,
                                                       ParOverviewRow            *b,
                                                       ParOverviewColumn          column);

G_END_DECLS
