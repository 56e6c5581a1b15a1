/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-criteria-set.h"
#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParLeafChangeKind:
 * @PAR_LEAF_ADDED: a leaf of the new set only
 * @PAR_LEAF_REMOVED: a leaf of the old set only (or a group in the new)
 * @PAR_LEAF_CHANGED: a leaf of both whose title, maximum, rule or
 *   not-arising answer differs
 */
typedef enum
{
  PAR_LEAF_ADDED,
  PAR_LEAF_REMOVED,
  PAR_LEAF_CHANGED,
} ParLeafChangeKind;

typedef enum
{
  PAR_LEAF_CHANGE_TITLE = 1 << 0,
  PAR_LEAF_CHANGE_MAX = 1 << 1,
  PAR_LEAF_CHANGE_RULE = 1 << 2,
  PAR_LEAF_CHANGE_NOT_ARISING = 1 << 3,
} ParLeafChangeFlags;

/**
 * ParLeafChange:
 * @kind: added, removed or changed
 * @changes: for a changed leaf, what changed
 * @old_leaf: (nullable): the leaf in the set in use
 * @new_leaf: (nullable): the leaf in the new set
 *
 * One difference between a year's criteria set and its new version.
 */
typedef struct
{
  ParLeafChangeKind    kind;
  ParLeafChangeFlags   changes;
  const ParCriterion  *old_leaf;
  const ParCriterion  *new_leaf;
} ParLeafChange;

/**
 * ParEntryFate:
 * @PAR_ENTRY_KEPT: the entry stays as it is
 * @PAR_ENTRY_REEVALUATED: the new rule gives it other points (or another
 *   canonical value)
 * @PAR_ENTRY_DROPPED_LEAF_GONE: its leaf is not in the new set
 * @PAR_ENTRY_DROPPED_INVALID: the new rule refuses its value (an option
 *   gone, a value above the new maximum, not arising refused, a survey
 *   leaf's self-assessment)
 *
 * What replacing the set does to an entry already made.
 */
typedef enum
{
  PAR_ENTRY_KEPT,
  PAR_ENTRY_REEVALUATED,
  PAR_ENTRY_DROPPED_LEAF_GONE,
  PAR_ENTRY_DROPPED_INVALID,
} ParEntryFate;

/**
 * ParEntryRevision:
 * @unit_code: the unit
 * @unit_name: its name
 * @criterion_code: the leaf
 * @stage: the stage
 * @fate: what happens to it
 * @value: the value stored now
 * @note: (nullable): the note stored with it
 * @old_points: its points now
 * @new_value: (nullable): its value under the new rule (re-evaluated)
 * @new_points: its points under the new rule (re-evaluated)
 * @new_state: its state under the new rule (re-evaluated)
 * @new_applicable: whether its leaf counts under the new rule
 * @reason: (nullable): why the new rule refuses it (dropped, invalid)
 *
 * An entry that replacing the set changes; kept entries are only counted.
 */
typedef struct
{
  char          *unit_code;
  char          *unit_name;
  char          *criterion_code;
  ParStage       stage;
  ParEntryFate   fate;
  char          *value;
  char          *note;
  ParMilli       old_points;
  char          *new_value;
  ParMilli       new_points;
  ParEntryState  new_state;
  gboolean       new_applicable;
  char          *reason;
} ParEntryRevision;

/**
 * ParSetRevision:
 * @year: the year
 * @block: the block
 * @old_set: the set in use
 * @new_set: the new version
 * @leaves: (element-type ParLeafChange): added, removed and changed
 *   leaves, in the order of the old set then the new set's additions
 * @entries: (element-type ParEntryRevision): the entries re-evaluated or
 *   dropped, by unit then leaf then stage
 * @n_units: the block's units
 * @n_kept: entries kept as they are
 * @n_reevaluated: entries re-evaluated
 * @n_dropped: entries dropped
 * @n_explanations: explanations of removed leaves, dropped
 * @n_links: evidence links of removed leaves, dropped
 * @n_reviews: the office's verdicts on removed leaves, dropped
 *
 * What replacing a block's criteria set by a new version does, said
 * before anything changes (par_workspace_plan_set_revision()).
 */
typedef struct
{
  int              year;
  char            *block;
  ParCriteriaSet  *old_set;
  ParCriteriaSet  *new_set;
  GPtrArray       *leaves;
  GPtrArray       *entries;
  guint            n_units;
  guint            n_kept;
  guint            n_reevaluated;
  guint            n_dropped;
  guint            n_explanations;
  guint            n_links;
  guint            n_reviews;
} ParSetRevision;

ParSetRevision *par_set_revision_new          (int                year,
                                               const char        *block,
                                               ParCriteriaSet    *old_set,
                                               ParCriteriaSet    *new_set);
void            par_set_revision_free         (ParSetRevision    *self);
void            par_set_revision_add_entry    (ParSetRevision    *self,
                                               const char        *unit_code,
                                               const char        *unit_name,
                                               const char        *criterion_code,
                                               ParStage           stage,
                                               ParEntryState      state,
                                               const char        *value,
                                               ParMilli           points,
                                               gboolean           applicable,
                                               const char        *note);
char           *par_rule_summary              (const ParCriterion *leaf,
                                               char               decimal_separator);
char           *par_leaf_change_describe      (const ParLeafChange    *change,
                                               char                    decimal_separator);
char           *par_entry_revision_describe   (const ParEntryRevision *entry,
                                               char                    decimal_separator);
char           *par_set_revision_format_text  (ParSetRevision    *self,
                                               char               decimal_separator);

ParSetRevision *par_workspace_plan_set_revision (ParWorkspace     *self,
                                                 int               year,
                                                 const char       *block,
                                                 ParCriteriaSet   *new_set,
                                                 GError          **error);
gboolean        par_workspace_revise_set        (ParWorkspace     *self,
                                                 int               year,
                                                 const char       *block,
                                                 ParCriteriaSet   *new_set,
                                                 ParSetRevision  **out_plan,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParSetRevision, par_set_revision_free)

G_END_DECLS
