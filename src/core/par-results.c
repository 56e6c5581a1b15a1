/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-results"

#include "config.h"

#include "par-decimal.h"
#include "par-lineage.h"
#include "par-results.h"

#include <string.h>

/*
 * The results of one year, laid out for live editing. A unit's sums come
 * either from its leaf entries (loaded for the units being edited) or, for
 * the others, from the totals the workspace keeps; after one change only
 * that unit's sums are redone (one pass over its leaves) and only its block
 * is re-ranked. Ranking
 * counts units per published index (0.00–100.00 is 10,001 buckets), so a
 * block of thousands is re-ranked in linear time without sorting.
 */

#define N_INDEX_BUCKETS 10001

typedef struct _ParLeafEntry
{
  ParMilli points;
  guint8   state;
  guint8   applicable;
} ParLeafEntry;

typedef struct
{
  char           *name;
  ParCriteriaSet *set;
  GPtrArray      *units;
  guint           ranked;
} Block;

struct _ParYearResults
{
  int         year;
  GPtrArray  *blocks;
  GHashTable *by_code;
  guint      *buckets;
};

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->name);
  par_criteria_set_unref (block->set);
  g_ptr_array_unref (block->units);
  g_free (block);
}

static void
unit_free (gpointer data)
{
  ParUnitResult *unit = data;

  g_free (unit->code);
  g_free (unit->name);
  g_free (unit->fields);
  g_free (unit->entries);
  g_clear_pointer (&unit->previous_predecessors, g_ptr_array_unref);
  g_free (unit);
}

/**
 * par_year_results_new:
 * @year: the assessment year
 *
 * Returns: (transfer full): an empty results table; add blocks, units and
 *   entries, then call par_year_results_compute()
 */
ParYearResults *
par_year_results_new (int year)
{
  ParYearResults *self = g_new0 (ParYearResults, 1);

  self->year = year;
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->buckets = g_new0 (guint, N_INDEX_BUCKETS);
  return self;
}

void
par_year_results_free (ParYearResults *self)
{
  g_hash_table_unref (self->by_code);
  g_ptr_array_unref (self->blocks);
  g_free (self->buckets);
  g_free (self);
}

int
par_year_results_get_year (ParYearResults *self)
{
  return self->year;
}

guint
par_year_results_add_block (ParYearResults *self,
                            const char     *name,
                            ParCriteriaSet *set)
{
  Block *block = g_new0 (Block, 1);

  block->name = g_strdup (name);
  block->set = par_criteria_set_ref (set);
  block->units = g_ptr_array_new_with_free_func (unit_free);
  g_ptr_array_add (self->blocks, block);
  return self->blocks->len - 1;
}

ParUnitResult *
par_year_results_add_unit (ParYearResults *self,
                           guint           block_index,
                           const char     *code,
                           const char     *name)
{
  Block *block;
  ParUnitResult *unit;

  g_return_val_if_fail (block_index < self->blocks->len, NULL);

  block = g_ptr_array_index (self->blocks, block_index);
  unit = g_new0 (ParUnitResult, 1);
  unit->code = g_strdup (code);
  unit->name = g_strdup (name);
  unit->block = block_index;
  unit->index = PAR_CENTI_NONE;
  unit->fields = g_new0 (ParFieldResult, block->set->fields->len);
  g_ptr_array_add (block->units, unit);
  g_hash_table_insert (self->by_code, unit->code, unit);
  return unit;
}

static inline ParLeafEntry *
entry_at (ParUnitResult *unit,
          guint          leaf_index,
          ParStage       stage)
{
  return &unit->entries[leaf_index * PAR_N_STAGES + stage];
}

static Block *
block_of (ParYearResults *self,
          ParUnitResult  *unit)
{
  return g_ptr_array_index (self->blocks, unit->block);
}

/**
 * par_year_results_load_entry:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 * @leaf_index: the leaf's position in the set of the unit's block
 * @stage: the stage
 * @state: the entry's state
 * @points: its points
 * @applicable: whether the leaf's maximum counts
 *
 * Records one stored entry. A unit with entries has its sums computed from
 * them; load every entry of a unit before par_year_results_compute().
 */
void
par_year_results_load_entry (ParYearResults *self,
                             ParUnitResult  *unit,
                             guint           leaf_index,
                             ParStage        stage,
                             ParEntryState   state,
                             ParMilli        points,
                             gboolean        applicable)
{
  ParLeafEntry *entry;

  if (unit->entries == NULL)
    unit->entries = g_new0 (ParLeafEntry, block_of (self, unit)->set->leaves->len * PAR_N_STAGES);

  entry = entry_at (unit, leaf_index, stage);

  entry->state = state;
  entry->points = points;
  entry->applicable = applicable ? 1 : 0;
}

/**
 * par_year_results_clear_entries:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 *
 * Empties @unit's entry table (creating it when it has none), before its
 * entries are read again.
 */
void
par_year_results_clear_entries (ParYearResults *self,
                                ParUnitResult  *unit)
{
  gsize n_entries = block_of (self, unit)->set->leaves->len * PAR_N_STAGES;

  if (unit->entries == NULL)
    unit->entries = g_new0 (ParLeafEntry, n_entries);
  else
    memset (unit->entries, 0, n_entries * sizeof *unit->entries);
}

gboolean
par_year_results_get_entry (ParYearResults *self,
                            ParUnitResult  *unit,
                            guint           leaf_index,
                            ParStage        stage,
                            ParEntryState  *out_state,
                            ParMilli       *out_points)
{
  ParLeafEntry *entry = unit->entries != NULL ? entry_at (unit, leaf_index, stage) : NULL;

  if (out_state != NULL)
    *out_state = entry != NULL ? entry->state : PAR_ENTRY_EMPTY;
  if (out_points != NULL)
    *out_points = entry != NULL ? entry->points : 0;
  return entry != NULL && entry->state != PAR_ENTRY_EMPTY;
}

/**
 * par_year_results_has_entries:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 *
 * Returns: whether the unit's leaf entries are loaded, so that
 *   par_year_results_update_entry() can recompute it
 */
gboolean
par_year_results_has_entries (ParYearResults *self,
                              ParUnitResult  *unit)
{
  return unit->entries != NULL;
}

/**
 * par_year_results_set_totals:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 * @points: the unit's points
 * @max: its applicable maximum
 * @self_points: its self-assessed points
 * @provisional: whether some applicable leaf lacks an appraisal entry
 *
 * Records a unit's stored totals, for a unit whose entries are not loaded.
 * Its fields' sums are set with par_year_results_set_field_totals().
 */
void
par_year_results_set_totals (ParYearResults *self,
                             ParUnitResult  *unit,
                             ParMilli        points,
                             ParMilli        max,
                             ParMilli        self_points,
                             gboolean        provisional)
{
  unit->points = points;
  unit->max = max;
  unit->self_points = self_points;
  unit->provisional = provisional;
}

void
par_year_results_set_field_totals (ParYearResults *self,
                                   ParUnitResult  *unit,
                                   guint           field,
                                   ParMilli        points,
                                   ParMilli        max)
{
  g_return_if_fail (field < block_of (self, unit)->set->fields->len);

  unit->fields[field].points = points;
  unit->fields[field].max = max;
}

static const ParLeafEntry empty_entry = { 0, PAR_ENTRY_EMPTY, 1 };

static void
sum_unit (Block         *block,
          ParUnitResult *unit)
{
  GPtrArray *leaves = block->set->leaves;
  guint n_fields = block->set->fields->len;
  ParMilli points = 0;
  ParMilli max = 0;
  ParMilli self_points = 0;
  gboolean provisional = FALSE;

  memset (unit->fields, 0, sizeof (ParFieldResult) * n_fields);

  /* These sums cannot overflow: a set has at most PAR_LIMIT_LEAVES (10^3)
   * leaves and each entry's points are within its leaf's max, at most
   * PAR_LIMIT_LEAF_MAX (10^6 thousandths), so every sum stays below 10^9
   * thousandths (par-limits.h). */
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (leaves, i);
      const ParLeafEntry *self_entry = unit->entries != NULL
        ? &unit->entries[i * PAR_N_STAGES + PAR_STAGE_SELF] : &empty_entry;
      const ParLeafEntry *appraisal = unit->entries != NULL
        ? &unit->entries[i * PAR_N_STAGES + PAR_STAGE_APPRAISAL] : &empty_entry;
      const ParLeafEntry *final = appraisal->state != PAR_ENTRY_EMPTY ? appraisal : self_entry;
      ParFieldResult *field = &unit->fields[leaf->field_index];

      self_points += self_entry->points;

      /* A leaf with no entry scores 0 and stays applicable. */
      if (final->state != PAR_ENTRY_EMPTY && !final->applicable)
        continue;

      points += final->points;
      max += leaf->max;
      field->points += final->points;
      field->max += leaf->max;
      if (appraisal->state == PAR_ENTRY_EMPTY)
        provisional = TRUE;
    }

  unit->points = points;
  unit->max = max;
  unit->self_points = self_points;
  unit->provisional = provisional;
}

static void
classify_unit (Block         *block,
               ParUnitResult *unit)
{
  unit->index = par_index_compute (unit->points, unit->max);
  unit->band = par_criteria_set_band_for (block->set, unit->index);
}

static void
rank_block (ParYearResults *self,
            Block          *block)
{
  guint *buckets = self->buckets;
  guint above = 0;

  memset (buckets, 0, sizeof (guint) * N_INDEX_BUCKETS);
  for (guint i = 0; i < block->units->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (block->units, i);
      if (unit->index != PAR_CENTI_NONE)
        buckets[CLAMP (unit->index, 0, N_INDEX_BUCKETS - 1)]++;
    }

  /* Turn counts into ranks: the rank of an index is 1 + the number of
   * units above it, so equal indices share a rank and the next is skipped. */
  for (int i = N_INDEX_BUCKETS - 1; i >= 0; i--)
    {
      guint count = buckets[i];
      buckets[i] = above + 1;
      above += count;
    }
  block->ranked = above;

  for (guint i = 0; i < block->units->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (block->units, i);
      if (unit->index != PAR_CENTI_NONE)
        unit->rank = buckets[CLAMP (unit->index, 0, N_INDEX_BUCKETS - 1)];
      else
        unit->rank = 0;
    }
}

/**
 * par_year_results_compute:
 * @self: a #ParYearResults
 * @sum_all: whether units without loaded entries are summed too (as if
 *   they had no entry), rather than keeping their stored totals
 *
 * Computes the units' sums (from their entries), every unit's index and
 * band, and every block's ranks.
 */
void
par_year_results_compute (ParYearResults *self,
                          gboolean        sum_all)
{
  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);

      for (guint i = 0; i < block->units->len; i++)
        {
          ParUnitResult *unit = g_ptr_array_index (block->units, i);
          if (sum_all || unit->entries != NULL)
            sum_unit (block, unit);
          classify_unit (block, unit);
        }
      rank_block (self, block);
    }
}

/**
 * par_year_results_set_previous:
 * @self: a #ParYearResults
 * @previous: (nullable): the computed results of the year before
 *
 * Records, for every unit code found in @previous with an index, its index
 * and rank there.
 */
void
par_year_results_set_previous (ParYearResults *self,
                               ParYearResults *previous)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_code);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ParUnitResult *unit = value;
      ParUnitResult *before = previous != NULL ?
        g_hash_table_lookup (previous->by_code, unit->code) : NULL;

      unit->has_previous = before != NULL && before->index != PAR_CENTI_NONE;
      unit->previous_index = unit->has_previous ? before->index : PAR_CENTI_NONE;
      unit->previous_rank = unit->has_previous ? before->rank : 0;
      g_clear_pointer (&unit->previous_predecessors, g_ptr_array_unref);
    }
}

/**
 * par_year_results_set_lineage:
 * @self: a #ParYearResults, with the year before set
 *   (par_year_results_set_previous())
 * @previous: (nullable): the computed results of the year before
 * @lineage: (nullable): unit code → #GPtrArray of #ParPredecessor, the
 *   units of @self formed from units of the year before
 *
 * Compares a unit that had no index the year before with the units it was
 * formed from: its previous index is their average index that year (of
 * those that had one), rounded half up to 2 decimals; it has no previous
 * rank, since it was not ranked. A unit with an index of its own the year
 * before keeps it.
 */
void
par_year_results_set_lineage (ParYearResults *self,
                              ParYearResults *previous,
                              GHashTable     *lineage)
{
  GHashTableIter iter;
  gpointer key, value;

  if (lineage == NULL || previous == NULL)
    return;

  g_hash_table_iter_init (&iter, lineage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ParUnitResult *unit = g_hash_table_lookup (self->by_code, key);
      GPtrArray *named = value;
      g_autoptr(GPtrArray) predecessors = NULL;
      ParCenti sum = 0;
      guint n = 0;

      if (unit == NULL || unit->has_previous)
        continue;

      predecessors = g_ptr_array_new_with_free_func ((GDestroyNotify) par_predecessor_free);
      for (guint i = 0; i < named->len; i++)
        {
          const ParPredecessor *from = g_ptr_array_index (named, i);
          ParUnitResult *before = g_hash_table_lookup (previous->by_code, from->code);
          ParPredecessor *copy = par_predecessor_new (from->code, from->relation);

          copy->name = g_strdup (before != NULL ? before->name : from->name);
          copy->index = before != NULL ? before->index : PAR_CENTI_NONE;
          /* Indices are at most 100.00: the sum of a bounded list cannot
           * overflow. */
          if (copy->index != PAR_CENTI_NONE)
            {
              sum += copy->index;
              n++;
            }
          g_ptr_array_add (predecessors, copy);
        }
      if (n == 0)
        continue;

      unit->has_previous = TRUE;
      unit->previous_index = par_div_round_half_up (sum, n);
      unit->previous_rank = 0;
      unit->previous_predecessors = g_steal_pointer (&predecessors);
    }
}

/**
 * par_year_results_copy_previous:
 * @self: a #ParYearResults
 * @from: results of the same year with the year before set
 *
 * Takes each unit's figures of the year before from the same unit of
 * @from.
 */
void
par_year_results_copy_previous (ParYearResults *self,
                                ParYearResults *from)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->by_code);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ParUnitResult *unit = value;
      ParUnitResult *other = g_hash_table_lookup (from->by_code, unit->code);

      unit->has_previous = other != NULL && other->has_previous;
      unit->previous_index = other != NULL ? other->previous_index : PAR_CENTI_NONE;
      unit->previous_rank = other != NULL ? other->previous_rank : 0;
      g_clear_pointer (&unit->previous_predecessors, g_ptr_array_unref);
      if (other != NULL && other->previous_predecessors != NULL)
        unit->previous_predecessors = g_ptr_array_ref (other->previous_predecessors);
    }
}

/**
 * par_year_results_update_entry:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 * @leaf_index: the leaf's position in the set of the unit's block
 * @stage: the stage of the entry
 * @entry: the entry's new state
 *
 * Applies one changed entry: the unit's sums, index and band are redone
 * and its block re-ranked; nothing else is touched. The unit's entries must
 * be loaded (par_workspace_load_unit_entries()).
 */
void
par_year_results_update_entry (ParYearResults *self,
                               ParUnitResult  *unit,
                               guint           leaf_index,
                               ParStage        stage,
                               const ParEntry *entry)
{
  Block *block;
  ParCenti old_index;

  g_return_if_fail (unit != NULL && unit->block < self->blocks->len);

  block = g_ptr_array_index (self->blocks, unit->block);
  g_return_if_fail (leaf_index < block->set->leaves->len);
  g_return_if_fail (unit->entries != NULL);

  par_year_results_load_entry (self, unit, leaf_index, stage,
                               entry->state, entry->points, entry->applicable);
  old_index = unit->index;
  sum_unit (block, unit);
  classify_unit (block, unit);
  if (unit->index != old_index)
    rank_block (self, block);
}

/**
 * par_year_results_refresh_unit:
 * @self: a #ParYearResults
 * @unit: a unit of @self
 *
 * After the unit's entries were loaded again (or its stored totals set),
 * redoes its sums (from its entries, when loaded), index and band, and
 * re-ranks its block.
 */
void
par_year_results_refresh_unit (ParYearResults *self,
                               ParUnitResult  *unit)
{
  Block *block;

  g_return_if_fail (unit != NULL && unit->block < self->blocks->len);

  block = g_ptr_array_index (self->blocks, unit->block);
  if (unit->entries != NULL)
    sum_unit (block, unit);
  classify_unit (block, unit);
  rank_block (self, block);
}

guint
par_year_results_get_n_blocks (ParYearResults *self)
{
  return self->blocks->len;
}

const char *
par_year_results_get_block_name (ParYearResults *self,
                                 guint           block)
{
  g_return_val_if_fail (block < self->blocks->len, NULL);
  return ((Block *) g_ptr_array_index (self->blocks, block))->name;
}

ParCriteriaSet *
par_year_results_get_block_set (ParYearResults *self,
                                guint           block)
{
  g_return_val_if_fail (block < self->blocks->len, NULL);
  return ((Block *) g_ptr_array_index (self->blocks, block))->set;
}

guint
par_year_results_get_block_size (ParYearResults *self,
                                 guint           block)
{
  g_return_val_if_fail (block < self->blocks->len, 0);
  return ((Block *) g_ptr_array_index (self->blocks, block))->units->len;
}

/**
 * par_year_results_get_ranked:
 * @self: a #ParYearResults
 * @block: a block's position
 *
 * Returns: the number of ranked units (those with an index) in the block
 */
guint
par_year_results_get_ranked (ParYearResults *self,
                             guint           block)
{
  g_return_val_if_fail (block < self->blocks->len, 0);
  return ((Block *) g_ptr_array_index (self->blocks, block))->ranked;
}

ParUnitResult *
par_year_results_lookup (ParYearResults *self,
                         const char     *code)
{
  return g_hash_table_lookup (self->by_code, code);
}

static int
compare_published_order (gconstpointer a,
                         gconstpointer b)
{
  const ParUnitResult *ua = *(const ParUnitResult **) a;
  const ParUnitResult *ub = *(const ParUnitResult **) b;
  gboolean ranked_a = ua->index != PAR_CENTI_NONE;
  gboolean ranked_b = ub->index != PAR_CENTI_NONE;

  if (ua->block != ub->block)
    return ua->block < ub->block ? -1 : 1;
  if (ranked_a != ranked_b)
    return ranked_a ? -1 : 1;
  if (ua->rank != ub->rank)
    return ua->rank < ub->rank ? -1 : 1;
  return strcmp (ua->code, ub->code);
}

/**
 * par_year_results_get_ordered:
 * @self: a #ParYearResults
 *
 * Returns: (transfer container) (element-type ParUnitResult): the units in
 *   published order: by block (in the order the blocks were added), then
 *   rank, then code; units without an index last in their block
 */
GPtrArray *
par_year_results_get_ordered (ParYearResults *self)
{
  GPtrArray *ordered = g_ptr_array_new ();

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);
      for (guint i = 0; i < block->units->len; i++)
        g_ptr_array_add (ordered, g_ptr_array_index (block->units, i));
    }
  g_ptr_array_sort (ordered, compare_published_order);
  return ordered;
}

/**
 * par_year_results_count_provisional:
 * @self: a #ParYearResults
 *
 * Returns: how many units are provisional: an applicable sub-criterion
 *   has no appraisal entry yet
 */
guint
par_year_results_count_provisional (ParYearResults *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);

      for (guint i = 0; i < block->units->len; i++)
        if (((ParUnitResult *) g_ptr_array_index (block->units, i))->provisional)
          n++;
    }
  return n;
}
