/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-types.h"

G_BEGIN_DECLS

typedef enum
{
  PAR_RULE_MANUAL,
  PAR_RULE_BINARY,
  PAR_RULE_OPTIONS,
  PAR_RULE_TIERS,
  PAR_RULE_RATIO,
  PAR_RULE_DEDUCTION,
  PAR_RULE_SURVEY,
} ParRuleKind;

typedef enum
{
  PAR_NOT_ARISING_REFUSED,
  PAR_NOT_ARISING_FULL,
  PAR_NOT_ARISING_NA,
} ParNotArising;

typedef struct
{
  char     *label;
  char     *folded;   /* NFC + case-folded, for matching entered labels */
  ParMilli  points;
} ParRuleOption;

typedef struct
{
  ParMilli min;
  ParMilli points;
} ParRuleTier;

/**
 * ParRule:
 * @kind: how the leaf is scored
 * @options: (element-type ParRuleOption): for %PAR_RULE_OPTIONS, in file order
 * @tiers: (element-type ParRuleTier): for %PAR_RULE_TIERS, by descending @min
 * @full_at: for %PAR_RULE_RATIO, the percentage that earns full points
 * @per: for %PAR_RULE_DEDUCTION, the points lost per failure
 *
 * A leaf's scoring rule, as parsed from a criteria set.
 */
struct _ParRule
{
  ParRuleKind  kind;
  GArray      *options;
  GArray      *tiers;
  ParMilli     full_at;
  ParMilli     per;
};

typedef enum
{
  PAR_ENTRY_EMPTY,
  PAR_ENTRY_VALUE,
  PAR_ENTRY_NA,
  PAR_ENTRY_NONE,
} ParEntryState;

/**
 * ParEntry:
 * @state: whether the entry holds a value, not applicable or not arising
 * @value: (nullable): the canonical text of the value ("97.5", "yes",
 *   an option's label, "NA", "NONE"); %NULL when empty
 * @points: the points the entry earns, in thousandths
 * @applicable: whether the leaf's maximum counts in the applicable maximum
 *
 * One evaluated score entry.
 */
struct _ParEntry
{
  ParEntryState  state;
  char          *value;
  ParMilli       points;
  gboolean       applicable;
};

const char  *par_rule_kind_to_string   (ParRuleKind          kind);
gboolean     par_rule_kind_from_string (const char          *text,
                                        ParRuleKind         *out_kind);
void         par_rule_clear            (ParRule             *rule);
void         par_entry_clear           (ParEntry            *entry);
gboolean     par_rule_evaluate         (const ParCriterion  *leaf,
                                        ParStage             stage,
                                        const char          *text,
                                        gboolean             allow_decimal_comma,
                                        ParEntry            *out_entry,
                                        GError             **error);
ParEntryState par_entry_state_from_stored (int                stored);

G_END_DECLS
