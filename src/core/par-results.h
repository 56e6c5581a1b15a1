/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-criteria-set.h"
#include "par-rule.h"
#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParFieldResult:
 * @points: the field's points, in thousandths
 * @max: the field's applicable maximum, in thousandths
 *
 * A unit's sums over the leaves below one top-level node.
 */
typedef struct
{
  ParMilli points;
  ParMilli max;
} ParFieldResult;

/**
 * ParUnitResult:
 * @code: the unit's code
 * @name: the unit's name
 * @block: the block's position in the year
 * @self_points: sum of the self entries' points, in thousandths
 * @points: sum of the final entries' points, in thousandths
 * @max: the applicable maximum, in thousandths
 * @index: the published index in hundredths, or %PAR_CENTI_NONE
 * @band: (nullable): the class band's label
 * @rank: the rank in the block (1 = best), 0 when there is no index
 * @provisional: whether some applicable leaf has no appraisal entry
 * @fields: (array): one #ParFieldResult per top-level node of the set
 * @has_previous: whether the unit had an index in the year before
 * @previous_index: the index the year before, in hundredths
 * @previous_rank: the rank the year before (0 when @previous_predecessors
 *   gives the index)
 * @previous_predecessors: (nullable) (element-type ParPredecessor): when the
 *   unit had no index the year before, the units it was formed from, whose
 *   average index then (of those that had one) is @previous_index; each
 *   with its own index
 *
 * One unit's results; read-only for callers.
 */
struct _ParUnitResult
{
  char           *code;
  char           *name;
  guint           block;
  ParMilli        self_points;
  ParMilli        points;
  ParMilli        max;
  ParCenti        index;
  const char     *band;
  guint           rank;
  gboolean        provisional;
  ParFieldResult *fields;
  gboolean        has_previous;
  ParCenti        previous_index;
  guint           previous_rank;
  GPtrArray      *previous_predecessors;

  /*< private >*/
  struct _ParLeafEntry *entries;
};

ParYearResults  *par_year_results_new            (int                year);
void             par_year_results_free           (ParYearResults    *self);
int              par_year_results_get_year       (ParYearResults    *self);
guint            par_year_results_add_block      (ParYearResults    *self,
                                                  const char        *name,
                                                  ParCriteriaSet    *set);
ParUnitResult   *par_year_results_add_unit       (ParYearResults    *self,
                                                  guint              block,
                                                  const char        *code,
                                                  const char        *name);
void             par_year_results_load_entry     (ParYearResults    *self,
                                                  ParUnitResult     *unit,
                                                  guint              leaf_index,
                                                  ParStage           stage,
                                                  ParEntryState      state,
                                                  ParMilli           points,
                                                  gboolean           applicable);
void             par_year_results_set_totals     (ParYearResults    *self,
                                                  ParUnitResult     *unit,
                                                  ParMilli           points,
                                                  ParMilli           max,
                                                  ParMilli           self_points,
                                                  gboolean           provisional);
void             par_year_results_set_field_totals (ParYearResults  *self,
                                                  ParUnitResult     *unit,
                                                  guint              field,
                                                  ParMilli           points,
                                                  ParMilli           max);
gboolean         par_year_results_has_entries    (ParYearResults    *self,
                                                  ParUnitResult     *unit);
void             par_year_results_compute        (ParYearResults    *self,
                                                  gboolean           sum_all);
void             par_year_results_set_previous   (ParYearResults    *self,
                                                  ParYearResults    *previous);
void             par_year_results_set_lineage    (ParYearResults    *self,
                                                  ParYearResults    *previous,
                                                  GHashTable        *lineage);
void             par_year_results_copy_previous  (ParYearResults    *self,
                                                  ParYearResults    *from);
void             par_year_results_update_entry   (ParYearResults    *self,
                                                  ParUnitResult     *unit,
                                                  guint              leaf_index,
                                                  ParStage           stage,
                                                  const ParEntry    *entry);
void             par_year_results_refresh_unit   (ParYearResults    *self,
                                                  ParUnitResult     *unit);
gboolean         par_year_results_get_entry      (ParYearResults    *self,
                                                  ParUnitResult     *unit,
                                                  guint              leaf_index,
                                                  ParStage           stage,
                                                  ParEntryState     *out_state,
                                                  ParMilli          *out_points);
guint            par_year_results_get_n_blocks   (ParYearResults    *self);
const char      *par_year_results_get_block_name (ParYearResults    *self,
                                                  guint              block);
ParCriteriaSet  *par_year_results_get_block_set  (ParYearResults    *self,
                                                  guint              block);
guint            par_year_results_get_block_size (ParYearResults    *self,
                                                  guint              block);
guint            par_year_results_get_ranked     (ParYearResults    *self,
                                                  guint              block);
void             par_year_results_clear_entries  (ParYearResults    *self,
                                                  ParUnitResult     *unit);
ParUnitResult   *par_year_results_lookup         (ParYearResults    *self,
                                                  const char        *code);
GPtrArray       *par_year_results_get_ordered    (ParYearResults    *self);
guint            par_year_results_count_provisional (ParYearResults  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParYearResults, par_year_results_free)

G_END_DECLS
