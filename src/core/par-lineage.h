/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-types.h"

G_BEGIN_DECLS

/**
 * ParRelation:
 * @PAR_RELATION_MERGED: the unit was formed by merging its predecessors
 * @PAR_RELATION_RENAMED: the unit is its predecessor under a new code
 * @PAR_RELATION_SPLIT: the unit was split off its predecessor
 *
 * How a unit came from a unit of the year before (the reorganisations of
 * 2025 merged about 10,000 communes into 3,321).
 */
typedef enum
{
  PAR_RELATION_MERGED,
  PAR_RELATION_RENAMED,
  PAR_RELATION_SPLIT,
} ParRelation;

/**
 * ParPredecessor:
 * @code: the predecessor's unit code
 * @relation: how the unit came from it
 * @name: (nullable): its name, where known
 * @index: its index in the year before, or %PAR_CENTI_NONE
 *
 * One unit a unit was formed from.
 */
typedef struct
{
  char        *code;
  ParRelation  relation;
  char        *name;
  ParCenti     index;
} ParPredecessor;

/* At most this many predecessors to a unit: a merger of communes joins a
 * handful; the bound keeps a hostile file from asking for millions. */
#define PAR_LINEAGE_MAX_PREDECESSORS 64

const char     *par_relation_to_string     (ParRelation        relation);
gboolean        par_relation_from_string   (const char        *text,
                                            ParRelation       *out_relation);
ParPredecessor *par_predecessor_new        (const char        *code,
                                            ParRelation        relation);
void            par_predecessor_free       (ParPredecessor    *predecessor);
GPtrArray      *par_predecessors_parse     (const char        *text,
                                            const char        *unit_code,
                                            GError           **error);
char           *par_predecessors_to_string (GPtrArray         *predecessors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPredecessor, par_predecessor_free)

G_END_DECLS
